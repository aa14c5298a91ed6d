#!/usr/bin/env bash
# Load check for `scopeguide serve` (not part of the unit tests; needs wrk: apt-get install -y wrk).
#
#   bash scripts/load-check.sh            # 10 s of wrk, then 10,000 mixed requests
#   DURATION=30s MIXED=50000 bash scripts/load-check.sh
#   SERVE_ARGS="--render-queue 8" bash scripts/load-check.sh   # options for `serve`, e.g. to see 503s
#
# 1. Builds and starts the release server on 127.0.0.1 (request logging on, to a temp file).
# 2. wrk --latency against a tailored Front page for $DURATION: requests/s and latency percentiles.
# 3. $MIXED mixed valid and invalid requests through one curl (200, 304, 400, 404, 405, 414; GET,
#    HEAD, POST; HTML, Markdown, JSON), with a histogram of the statuses.
# 4. Checks that the server still answers /healthz, that it logged one line per request, and
#    prints its resident memory (VmRSS) before and after the mixed requests.
# 5. The attack (ATTACK=0 skips it): $SLOW half-sent requests held open plus a wrk flood of the
#    most expensive request the shipped guides allow, for $ATTACK seconds, with /healthz probed
#    every 50 ms; fails unless the probes' p99 is under 100 ms and the server recovers.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
DURATION=${DURATION:-10s}
MIXED=${MIXED:-10000}
PORT=${PORT:-18080}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
base="http://127.0.0.1:$PORT"
page="/connectors/front/guides/link-account/api-token?actions=front_list_conversations,front_send_message,front_get_contact&separator=comma"

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
if ! build_log=$(swift build -c release --product scopeguide 2>&1); then echo "$build_log" >&2; exit 1; fi
binary="$(swift build -c release --show-bin-path)/scopeguide"

work=$(mktemp -d)
log="$work/server.log"
# shellcheck disable=SC2086 # SERVE_ARGS is a list of options
"$binary" serve --host 127.0.0.1 --port "$PORT" ${SERVE_ARGS:-} >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/healthz" >/dev/null || { echo "server did not start:"; cat "$log"; exit 1; }

rss() { awk '/^VmRSS/ {print $2 " " $3}' "/proc/$pid/status"; }
requests_logged() { grep -c ' request$' "$log" || true; }

echo "== server pid $pid, RSS at start: $(rss)"
echo "== wrk: $DURATION, $THREADS threads, $CONNECTIONS connections, GET $page"
wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" "$base$page"
echo "== RSS after wrk: $(rss)"

# The mixed run: one curl, many URLs, each entry's options separated by `next`.
long=$(printf 'a%.0s' $(seq 9000))
etag=$(curl -sI "$base$page" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
etag=${etag//\"/\\\"}   # curl's config syntax: quotes inside a quoted value are backslash-escaped
entries=(
  "url = \"$base$page\""
  "url = \"$base/connectors/front/guides/link-account/api-token.md?actions=front_send_message\""
  "url = \"$base/connectors/front/guides/link-account/api-token.json?actions=front_get_contact&whitelabel=1\""
  "url = \"$base/connectors/front/guides/link-account/api-token\"
header = \"Accept: application/json\""
  "url = \"$base/?q=send+message\""
  "url = \"$base/healthz\""
  "url = \"$base$page\"
header = \"If-None-Match: $etag\""
  "url = \"$base$page\"
head"
  "url = \"$base/connectors/front/guides/link-account/api-token?actions=%3Cscript%3E\""
  "url = \"$base/connectors/front/guides/link-account/api-token?separator=tab\""
  "url = \"$base/connectors/front/guides/link-account/api-token?actions=%ZZ\""
  "url = \"$base/connectors/nope/guides/link-account/api-token\""
  "url = \"$base/no/such/page\""
  "url = \"$base/\"
request = \"POST\""
  "url = \"$base/connectors/front/guides/link-account/api-token?actions=$long\""
)
config="$work/mixed.curl"
for ((i = 0; i < MIXED; i++)); do
  [ "$i" -gt 0 ] && echo "next" >>"$config"
  printf '%s\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "${entries[$((i % ${#entries[@]}))]}" >>"$config"
done

before_rss=$(rss)
before_logged=$(requests_logged)
echo "== $MIXED mixed requests (${#entries[@]} kinds, valid and invalid); RSS before: $before_rss"
start=$(date +%s.%N)
curl -s --no-progress-meter --parallel --parallel-max 8 -K "$config" >"$work/statuses" || true
end=$(date +%s.%N)
echo "   took $(echo "$end - $start" | bc) s; statuses:"
sort "$work/statuses" | uniq -c | sed 's/^/   /'
after_rss=$(rss)
echo "== RSS after $MIXED mixed requests: $after_rss (before: $before_rss)"
sleep 0.5
logged=$(( $(requests_logged) - before_logged ))
echo "== request log lines for the mixed run: $logged (expected $MIXED)"

health=$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")
echo "== /healthz after the run: $health"
kill -0 "$pid" && echo "== server still running (pid $pid)"
answered=$(grep -c . "$work/statuses")
[ "$health" = 200 ] && [ "$answered" -eq "$MIXED" ] && ! grep -qv '^[1-5][0-9][0-9]$' "$work/statuses" && ! grep -q '^5' "$work/statuses"
echo "== ok: every request answered, no 5xx, server healthy"

# 5. The attack: $SLOW half-sent requests held open (scripts/slow-clients.py) plus a wrk flood of
#    the most expensive request the shipped guides allow, for $ATTACK seconds, while /healthz is
#    probed every 50 ms on a fresh connection. Then: /healthz p50/p99/max during the attack, the
#    refusals the server logged, and /healthz, RSS and open descriptors after it.
if [ "${ATTACK:-20}" != 0 ]; then
  attack=${ATTACK:-20}
  slow=${SLOW:-2000}
  all_front=$(grep -o 'id: front_[a-z_]*' Guides/front/front.connector.yaml | sed 's/id: //' | paste -sd, -)
  heavy="/connectors/front/guides/link-account/api-token?actions=$all_front"
  echo "== attack: $slow slow clients + wrk flood (-c ${FLOOD_CONNECTIONS:-64}) of GET ${heavy:0:90}… for ${attack}s"
  fds() { ls "/proc/$pid/fd" | wc -l; }
  echo "   before: RSS $(rss), descriptors $(fds)"
  mark=$(wc -l <"$log")
  python3 scripts/slow-clients.py --port "$PORT" --count "$slow" --seconds "$attack" >"$work/slow.json" &
  slow_pid=$!
  sleep 2   # let the slow clients connect first
  wrk -t "$THREADS" -c "${FLOOD_CONNECTIONS:-64}" -d "$((attack - 4))s" --timeout 15s "$base$heavy" >"$work/flood.txt" 2>&1 &
  flood_pid=$!
  : >"$work/healthz"
  end=$((SECONDS + attack - 4))
  while [ "$SECONDS" -lt "$end" ]; do
    curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' "$base/healthz" >>"$work/healthz" || echo "000 5" >>"$work/healthz"
    sleep 0.05
  done
  echo "   during: RSS $(rss), descriptors $(fds)"
  wait "$flood_pid" || true
  wait "$slow_pid" || true
  echo "   slow clients: $(cat "$work/slow.json")"
  echo "   flood: $(grep -E 'Requests/sec|requests in|Non-2xx|Socket errors' "$work/flood.txt" | tr -s ' ' | paste -sd';' -)"
  sort -k2 -n "$work/healthz" | awk '{ t[NR] = $2 * 1000; if ($1 != 200) bad++ }
    END { printf "   /healthz during the attack: %d probes, %d not 200, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
          NR, bad, t[int(NR * 0.5) + 1], t[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))], t[NR] }'
  echo "   refusals logged during the attack:"
  tail -n +"$((mark + 1))" "$log" | grep -oE 'reason=[a-z_]+' | sort | uniq -c | sed 's/^/     /'
  tail -n +"$((mark + 1))" "$log" | grep -oE 'status=[0-9]+' | sort | uniq -c | sed 's/^/     /'
  sleep "${RECOVER:-12}"   # longer than the header timeout: every slow connection is gone
  health=$(curl -s -o /dev/null --max-time 2 -w '%{http_code} %{time_total}' "$base/healthz")
  echo "   after ${RECOVER:-12}s: /healthz $health, RSS $(rss), descriptors $(fds)"
  p99=$(sort -k2 -n "$work/healthz" | awk '{ t[NR] = $2 } END { print t[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))] * 1000 }')
  [ "${health%% *}" = 200 ] && awk -v p="$p99" 'BEGIN { exit !(p < 100) }'
  echo "== ok: /healthz p99 under attack ${p99} ms < 100 ms, and healthy afterwards"
fi
