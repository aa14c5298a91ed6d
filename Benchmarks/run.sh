#!/usr/bin/env bash
# Runs every benchmark of Benchmarks/README.md and prints its tables (Markdown).
#
#   bash Benchmarks/run.sh                 # all of them (about 10 minutes on 2 cores)
#   bash Benchmarks/run.sh render build    # some: render, callgrind, build, resolver, memory, badinput, server
#   SG_BIN=.build/release bash Benchmarks/run.sh server   # reuse a release build (no benchmark target needed)
#   (render, callgrind, resolver and badinput also need scopeguide-bench in SG_BIN:
#    ENABLE_SG_BENCHMARKS=1 swift build -c release, which puts it in .build/release)
#
# RUNS (default 5) sets the whole-process runs per command; CORPUS (default
# /tmp/scopeguide-corpus) where the synthetic corpus is generated. Needs hyperfine, cmark and
# valgrind from Debian (apt-get install -y hyperfine cmark valgrind); `server` needs wrk and nginx
# (apt-get install -y wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
runs=${RUNS:-5}
corpus=${CORPUS:-/tmp/scopeguide-corpus}
work=$(mktemp -d /tmp/scopeguide-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
selected=${*:-render callgrind build resolver memory badinput server}
wants() { [[ " $selected " == *" $1 "* ]]; }

for tool in hyperfine cmark valgrind python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine cmark valgrind" >&2; exit 1; }
done

# One release build of the CLI and the benchmark executable. -gnone: valgrind 3.19 cannot read
# Swift's DWARF 5; the copy is stripped of the C targets' debug info for the same reason.
if [ -n "${SG_BIN:-}" ]; then
  cp -R "$SG_BIN/scopeguide" "$SG_BIN"/*.resources "$work/"
  # The benchmark executables too, when that folder has them (ENABLE_SG_BENCHMARKS=1 builds).
  for tool in scopeguide-bench hummingbird-floor; do
    if [ -x "$SG_BIN/$tool" ]; then cp "$SG_BIN/$tool" "$work/" && strip --strip-debug "$work/$tool"; fi
  done
else
  echo "building (release)..." >&2
  ENABLE_SG_BENCHMARKS=1 swift build -c release --scratch-path .build-bench -Xswiftc -gnone >&2
  bin=$(ENABLE_SG_BENCHMARKS=1 swift build -c release --scratch-path .build-bench -Xswiftc -gnone --show-bin-path)
  cp -R "$bin/scopeguide" "$bin/scopeguide-bench" "$bin/hummingbird-floor" "$bin"/*.resources "$work/" && strip --strip-debug "$work/scopeguide" "$work/scopeguide-bench"
fi

echo "## Machine"
echo
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(swift --version 2>/dev/null | head -1); cmark $(cmark --version | head -1 | awk '{print $2}'); $(hyperfine --version)"
echo

if wants render; then
  echo "## Render hot path (in-process, wall time)"
  echo
  "$work/scopeguide-bench" render --rounds 300 --batch 20
  echo
fi

if wants callgrind; then
  echo "## Render hot path (instructions per call, callgrind)"
  echo
  echo "| operation | instructions per call | ratio to cmark |"
  echo "|---|---|---|"
  count() {  # instructions of `render --only $1 --iterations $2`
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/scopeguide-bench" render --only "$1" --iterations "$2" 2>&1 \
      | awk '/refs:/ { gsub(",", "", $NF); print $NF }'
  }
  declare -A per_call
  for op in cmark md fragment page; do
    per_call[$op]=$(( ($(count $op 200) - $(count $op 0)) / 200 ))
  done
  for op in md fragment page cmark; do
    printf "| %s | %s | %s |\n" "$op" "${per_call[$op]}" "$(python3 -c "print(f'{${per_call[$op]} / ${per_call[cmark]}:.2f}')")"
  done
  echo
fi

if wants build || wants memory; then
  python3 Benchmarks/generate-corpus.py "$corpus" >&2
  # The Markdown of the same guides, as the build writes it, for the cmark command.
  "$work/scopeguide" build --guides "$corpus" --output "$work/reference" >&2
  find "$work/reference" -name '*.md' | sort | xargs cat > "$work/all.md"
fi

if wants build; then
  echo "## Build: 500 connectors vs the cmark command on their Markdown (whole process)"
  echo
  echo "Markdown: $(find "$work/reference" -name '*.md' | wc -l) guides, $(wc -c < "$work/all.md") bytes; build output: $(du -sb "$work/reference" | cut -f1) bytes in $(find "$work/reference" -type f | wc -l) files."
  echo
  # A cold build writes 1,005 files into 1,000 new folders. Right after `rm -rf` of the last
  # run's output, ext4 spends seconds of kernel time looking for inodes that were not freed
  # recently (recently_deleted in perf); on tmpfs, or into a folder never used, it does not.
  # Both are measured: the first is what a pipeline pays, the second what the filesystem adds.
  fresh=/dev/shm/scopeguide-bench-out.$$
  [ -d /dev/shm ] || fresh="$work/fresh-out"
  hyperfine --style none --warmup 1 --runs "$runs" --prepare "rm -rf $work/out $fresh" \
    --command-name "cmark (HTML)" "cmark $work/all.md" \
    --command-name "scopeguide build (into an empty folder on tmpfs)" "$work/scopeguide build --guides $corpus --output $fresh" \
    --command-name "scopeguide build --jobs 1 (tmpfs)" "$work/scopeguide build --jobs 1 --guides $corpus --output $fresh" \
    --command-name "scopeguide build (ext4, right after rm -rf of the last output)" "$work/scopeguide build --guides $corpus --output $work/out" \
    --command-name "scopeguide check (load and lint only)" "$work/scopeguide check --guides $corpus" \
    --export-json "$work/build.json" >/dev/null
  rm -rf "$fresh"
  python3 - "$work/build.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["median"]
print("| command | median s | min s | max s | mean user CPU s | runs | ratio of medians to cmark |")
print("|---|---|---|---|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {r['user']:.3f} | {len(r['times'])} | {r['median'] / floor:.2f} |")
PY
  echo
fi

if wants resolver; then
  echo "## Resolver"
  echo
  "$work/scopeguide-bench" resolver --selections 200
  echo
fi

if wants badinput; then
  echo "## Bad-input corpus, slowest cases (release build, one run each)"
  echo
  "$work/scopeguide-bench" badinput
  python3 -c "open('$work/10mb.md', 'w').write('Click **Save**, then [docs](https://example.com). ' * 200000)"
  for format in html commonmark; do
    echo "cmark -t $format on the same 10 MB of Markdown: $( { /usr/bin/time -f '%e s' cmark -t $format "$work/10mb.md" >/dev/null; } 2>&1 )"
    echo
  done
  echo
fi

if wants memory; then
  echo "## Peak memory of build (maximum resident set size, $runs runs)"
  echo
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f "%M" "$work/scopeguide" build --guides "$corpus" --output "$work/out" 2>&1 >/dev/null | tail -1
  done | sort -n | awk '{ v[NR] = $1 } END { printf "median %.1f MiB (min %.1f, max %.1f)\n", v[int((NR + 1) / 2)] / 1024, v[1] / 1024, v[NR] / 1024 }'
  echo
fi

if wants server; then
  for tool in wrk nginx; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx-light" >&2; exit 1; }
  done
  echo "## Server: scopeguide serve against nginx serving the built Output/ (wrk, same run)"
  echo
  duration=${DURATION:-10s}; connections=${CONNECTIONS:-16}
  nginx_port=18181; serve_port=18182; large_port=18183
  # nginx as a static host would run it: worker per core, sendfile, no access log.
  cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  types { text/markdown md; }
  access_log off;
  sendfile on;
  server { listen 127.0.0.1:$nginx_port; root $PWD/Output; }
}
NGINX
  python3 Benchmarks/generate-large-catalogue.py "$work/large" >&2
  grep -o 'id: front_[a-z_]*' Guides/front/front.connector.yaml | cut -d' ' -f2 > "$work/front.ids"
  nginx -c "$work/nginx.conf" -p "$work" &
  nginx_pid=$!
  "$work/scopeguide" serve --port "$serve_port" --log-level warning >"$work/serve.log" 2>&1 &
  serve_pid=$!
  "$work/scopeguide" serve --guides "$work/large" --port "$large_port" --log-level warning >"$work/large.log" 2>&1 &
  large_pid=$!
  floor_pid=""; floor_page_pid=""
  trap 'kill $nginx_pid $serve_pid $large_pid $floor_pid $floor_page_pid 2>/dev/null || true; rm -rf "$work"' EXIT
  for port in $nginx_port $serve_port $large_port; do
    for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  done
  front=/connectors/front/guides/link-account/api-token
  # The framework's own floor: plain Hummingbird, no middleware, answering from memory with the
  # built Front Markdown, and with a page serve tailored for five actions (the bytes it answers).
  floor_port=18184; floor_page_port=18185
  if [ -x "$work/hummingbird-floor" ]; then
    curl -sf -o "$work/tailored.html" "http://127.0.0.1:$serve_port$front?actions=$(head -5 "$work/front.ids" | paste -sd,)"
    "$work/hummingbird-floor" Output/connectors/front/guides/link-account/api-token.md "$floor_port" >"$work/floor.log" 2>&1 &
    floor_pid=$!
    "$work/hummingbird-floor" "$work/tailored.html" "$floor_page_port" >"$work/floor-page.log" 2>&1 &
    floor_page_pid=$!
    for port in $floor_port $floor_page_port; do
      for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    done
  fi
  # Random selections of 1 to 5 actions per request, so no answer is served from a cache.
  random_script() {  # $1: path, $2: file of action ids, one per line
    { echo "local ids = {"; sed 's/.*/"&",/' "$2"; echo "}"; cat <<'LUA'
math.randomseed(17)
request = function()
  local picked = {}
  for i = 1, math.random(1, 5) do picked[i] = ids[math.random(#ids)] end
  return wrk.format("GET", path .. "?actions=" .. table.concat(picked, ","))
end
LUA
      echo "path = \"$1\""; } > "$work/random.lua"
    echo "$work/random.lua"
  }
  grep -o 'id: graph_op_[0-9]*' "$work/large/graph/graph.connector.yaml" | cut -d' ' -f2 > "$work/large.ids"
  large=/connectors/graph/guides/link-account/api-token
  rate() {  # requests/s of wrk with the remaining arguments
    wrk -t 2 -c "$connections" -d "$duration" "$@" | awk '/Requests\/sec/ {print $2}'
  }
  static_page=$(rate "http://127.0.0.1:$nginx_port/connectors/front/guides/link-account/api-token/index.html")
  static_md=$(rate "http://127.0.0.1:$nginx_port/connectors/front/guides/link-account/api-token.md")
  floor=$([ -n "$floor_pid" ] && rate "http://127.0.0.1:$floor_port/front.md" || echo "not built")
  floor_page=$([ -n "$floor_page_pid" ] && rate "http://127.0.0.1:$floor_page_port/front.html" || echo "not built")
  healthz=$(rate "http://127.0.0.1:$serve_port/healthz")
  page=$(rate -s "$(random_script "$front" "$work/front.ids")" "http://127.0.0.1:$serve_port")
  md=$(rate -s "$(random_script "$front.md" "$work/front.ids")" "http://127.0.0.1:$serve_port")
  json=$(rate -s "$(random_script "$front.json" "$work/front.ids")" "http://127.0.0.1:$serve_port")
  large_slug=$(curl -s "http://127.0.0.1:$large_port/" | grep -o '/connectors/graph/guides/link-account/[a-z0-9-]*' | head -1)
  large_json=$(rate -s "$(random_script "$large_slug.json" "$work/large.ids")" "http://127.0.0.1:$large_port")
  echo "wrk: 2 threads, $connections connections, $duration each; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| what | requests/s | ratio to nginx's static page | goal |"
  echo "|---|---|---|---|"
  ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
  echo "| nginx: the built Front page (Output/, static) | $static_page | 1.00 | |"
  echo "| nginx: the built Front Markdown (static) | $static_md | $(ratio "$static_md" "$static_page") | |"
  echo "| Hummingbird alone: no middleware, the Front Markdown from memory | $floor | $( [ "$floor" = "not built" ] && echo "" || echo "$(ratio "$floor" "$static_page") (× nginx's .md: $(ratio "$floor" "$static_md"))") | (the framework's floor for .md) |"
  echo "| Hummingbird alone: no middleware, a tailored Front page ($(wc -c < "$work/tailored.html" 2>/dev/null || echo 0) bytes) from memory | $floor_page | $( [ "$floor_page" = "not built" ] && echo "" || ratio "$floor_page" "$static_page") | (the framework's floor for pages) |"
  echo "| serve: /healthz (every middleware, no rendering) | $healthz | $(ratio "$healthz" "$static_page") | |"
  echo "| serve: tailored Front page, random 1–5 actions | $page | $(ratio "$page" "$static_page") | ≥ 0.5 (goal 1) |"
  echo "| serve: tailored Front .md, random 1–5 actions | $md | $(ratio "$md" "$static_page") (× nginx's .md: $(ratio "$md" "$static_md")) | ≥ 0.7 |"
  echo "| serve: Front .json, random 1–5 actions | $json | $(ratio "$json" "$static_page") | |"
  echo "| serve: 11,000-action catalogue .json, random 1–5 actions | $large_json | | ≥ 2,000 req/s |"
  echo
fi
