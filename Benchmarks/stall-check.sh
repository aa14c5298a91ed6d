#!/usr/bin/env bash
# Stall check for `scopeguide serve` (issue 22): can requests full of unknown scope names hold the
# server? Not part of the unit tests; needs curl and python3.
#
#   bash Benchmarks/stall-check.sh                       # builds the release server first
#   SG_BIN=.build/release bash Benchmarks/stall-check.sh # or reuses a build
#   SCOPES=1000 UNKNOWN=360 REQUESTS=8 bash Benchmarks/stall-check.sh
#   SERVE_ARGS="--render-threads 1" bash Benchmarks/stall-check.sh
#
# 1. Generates one connector with $SCOPES scopes (default 20,000), named like `r00042.itemlist:write`.
# 2. Starts the release server on it (default limits: a render thread per core, 10 s deadline).
# 3. Sends $REQUESTS requests at once (default 8), each with $UNKNOWN unknown scope names in
#    granted= (default 360, about 7.9 KB of query, just under the 8 KiB limit): each a one-letter typo
#    of a defined name, so every defined name of the same length is a "did you mean" candidate,
#    the worst case for the suggestions. Meanwhile /healthz is polled every 50 ms on a fresh
#    connection.
# 4. Prints each request's status and latency, and /healthz's count, p50, p99 and max over the
#    whole window. Exits 1 when a request got no answer or /healthz failed; the numbers
#    themselves are reported, not judged (they move with the machine's other load).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
PORT=${PORT:-18090}
SCOPES=${SCOPES:-20000}
UNKNOWN=${UNKNOWN:-360}
REQUESTS=${REQUESTS:-8}
base="http://127.0.0.1:$PORT"

for tool in curl python3; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
if [ -n "${SG_BIN:-}" ]; then
  binary="$SG_BIN/scopeguide"
else
  if ! build_log=$(swift build -c release --product scopeguide 2>&1); then echo "$build_log" >&2; exit 1; fi
  binary="$(swift build -c release --show-bin-path)/scopeguide"
fi

work=$(mktemp -d /tmp/scopeguide-stall.XXXXXX)
mkdir -p "$work/guides/wide"
# The connector and the query, deterministic (no randomness): scope i is r<i>.itemlist:<verb>; the
# unknown names swap two letters of the verb of scopes spread over the whole list.
python3 - "$work" "$SCOPES" "$UNKNOWN" <<'PY'
import sys
work, scopes, unknown = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
verbs = ["write", "reads", "admin", "owner"]
names = [f"r{i:05d}.itemlist:{verbs[i % 4]}" for i in range(scopes)]
lines = ["key: wide", "name: Wide", "scopeDefinitions:"]
lines += [f"  {name}: {{}}" for name in names]
lines += ["actions:"]
lines += [f"  - {{id: wide_a{i}, label: Action {i}, requiredScopes: {names[i * (scopes // 10)]}}}" for i in range(10)]
lines += [
    "authentication:", "  - key:", "      type: custom", "      label: Key", "      support:", "        guides:", "          config:",
    "            sections:", "              - title: Grant access",
    f"                steps: [{{title: Grant the scopes, scopes: {names[0]} {names[-1]}}}]",
]
open(f"{work}/guides/wide/wide.connector.yaml", "w").write("\n".join(lines) + "\n")
step = max(1, scopes // unknown)
typos = []
for i in range(0, scopes, step):
    name = names[i]
    head, verb = name.rsplit(":", 1)
    typos.append(f"{head}:{verb[0]}{verb[2]}{verb[1]}{verb[3:]}")
    if len(typos) == unknown:
        break
open(f"{work}/query", "w").write("granted=" + ",".join(typos))
PY
query=$(cat "$work/query")
path="/connectors/wide/guides/link-account/key.json?$query"
log="$work/server.log"
# shellcheck disable=SC2086 # SERVE_ARGS is a list of options
"$binary" serve --guides "$work/guides" --host 127.0.0.1 --port "$PORT" ${SERVE_ARGS:-} >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 600); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/healthz" >/dev/null || { echo "server did not start:"; cat "$log"; exit 1; }

echo "== $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); binary $binary"
echo "== connector: $SCOPES scopes; $REQUESTS requests at once, each with $UNKNOWN unknown names in granted= (query ${#query} bytes)"
echo "== limits: $(grep -m1 ' limits' "$log" | grep -oE '[a-z_]+=[0-9]+' | paste -sd' ' -)"

# /healthz every 50 ms on a fresh connection, from just before the requests until just after.
: >"$work/healthz"
(
  while [ ! -e "$work/done" ]; do
    curl -s -o /dev/null --max-time 30 -w '%{http_code} %{time_total}\n' "$base/healthz" >>"$work/healthz" || echo "000 30" >>"$work/healthz"
    sleep 0.05
  done
) &
poller=$!
sleep 0.5
requests=()
for i in $(seq "$REQUESTS"); do
  curl -s -o "$work/body.$i" --max-time 60 -w '%{http_code} %{time_total}\n' "$base$path" >"$work/request.$i" 2>/dev/null || echo "000 60" >"$work/request.$i" &
  requests+=($!)
done
wait "${requests[@]}" || true
sleep 0.5
touch "$work/done"
wait "$poller" || true

echo "== requests (status, seconds):"
failed=0
for i in $(seq "$REQUESTS"); do
  read -r status seconds <"$work/request.$i"
  printf '   %2d: %s %7.3f s  %s\n' "$i" "$status" "$seconds" "$(head -c 120 "$work/body.$i" | tr '\n' ' ')"
  [ "$status" = 000 ] && failed=1
done
sort -k2 -n "$work/healthz" | awk '{ t[NR] = $2 * 1000; if ($1 != 200) bad++ }
  END { printf "== /healthz while they ran: %d probes, %d not 200, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        NR, bad, t[int(NR * 0.5) + 1], t[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))], t[NR] }'
echo "== refusals logged: $(grep -oE 'reason=[a-z_]+' "$log" | sort | uniq -c | tr -s ' ' | paste -sd';' - || true)"
grep -qv '^200 ' "$work/healthz" && failed=1
kill -0 "$pid" || failed=1
exit "$failed"
