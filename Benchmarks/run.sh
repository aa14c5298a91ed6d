#!/usr/bin/env bash
# Runs every benchmark of Benchmarks/README.md and prints its tables (Markdown).
#
#   bash Benchmarks/run.sh                 # all of them (about 10 minutes on 2 cores)
#   bash Benchmarks/run.sh render build    # some: render, callgrind, build, resolver, memory, badinput, server, server-memory
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
  echo "## Server: scopeguide serve against its floors and nginx (wrk, one run)"
  echo
  duration=${DURATION:-10s}; connections=${CONNECTIONS:-16}
  nginx_port=18181; serve_port=18182; large_port=18183; floor_port=18184; floor_page_port=18185
  proxy_port=18186; backend_ports=18187,18188
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
  # deploy/: nginx with proxy_cache in front of two more instances (its own nginx). Its workers
  # run as another user when this runs as root: they must reach the cache folder inside $work.
  chmod 755 "$work"
  bash deploy/run-local.sh --port "$proxy_port" --backend-ports "$backend_ports" --bin "$work/scopeguide" \
    --work "$work/deploy" -- --log-level warning >"$work/deploy.log" 2>&1 &
  deploy_pid=$!
  floor_pid=""; floor_page_pid=""
  trap 'kill $nginx_pid $serve_pid $large_pid $deploy_pid $floor_pid $floor_page_pid 2>/dev/null || true; wait $deploy_pid 2>/dev/null; rm -rf "$work"' EXIT
  for port in $nginx_port $serve_port $large_port; do
    for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  done
  for _ in $(seq 600); do grep -q '^ready' "$work/deploy.log" && break; sleep 0.1; done
  grep -q '^ready' "$work/deploy.log" || { echo "deploy/run-local.sh did not start:" >&2; cat "$work/deploy.log" >&2; exit 1; }
  front=/connectors/front/guides/link-account/api-token
  hot="$front?actions=$(head -5 "$work/front.ids" | paste -sd,)"
  # The framework's own floor: plain Hummingbird, no middleware, answering from memory with the
  # built Front Markdown, and with the page serve answers for five actions (the bytes of a hit).
  if [ -x "$work/hummingbird-floor" ]; then
    curl -sf -o "$work/tailored.html" "http://127.0.0.1:$serve_port$hot"
    "$work/hummingbird-floor" Output/connectors/front/guides/link-account/api-token.md "$floor_port" >"$work/floor.log" 2>&1 &
    floor_pid=$!
    "$work/hummingbird-floor" "$work/tailored.html" "$floor_page_port" >"$work/floor-page.log" 2>&1 &
    floor_page_pid=$!
    for port in $floor_port $floor_page_port; do
      for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    done
  fi
  # Lua for wrk. `ids` are Front's 52 actions in catalogue order; a URL selects k of them, the
  # combination of that rank (lexicographic), so URLs of distinct ranks are distinct canonical
  # requests. Each wrk thread takes every other rank, so no URL repeats across threads.
  lua_prelude() {
    echo "local ids = {"; sed 's/.*/"&",/' "$work/front.ids"; echo "}"
    cat <<'LUA'
local function choose(n, k)
  if k < 0 or k > n then return 0 end
  local r = 1
  for i = 1, k do r = r * (n - k + i) / i end
  return math.floor(r + 0.5)
end
local function unrank(r, n, k)
  local out, x = {}, 0
  for i = k, 1, -1 do
    while choose(n - x - 1, i - 1) <= r do r = r - choose(n - x - 1, i - 1); x = x + 1 end
    out[#out + 1] = ids[x + 1]; x = x + 1
  end
  return table.concat(out, ",")
end
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
LUA
  }
  # A miss on every request: the n-th request of thread t asks for the 4-combination of rank 2n + t.
  unique_script() {  # $1: path
    { lua_prelude; cat <<LUA
local n = 0
function request()
  local rank = n * 2 + tonumber(wrk.thread:get("tid") or 0)
  n = n + 1
  return wrk.format("GET", "$1?actions=" .. unrank(rank % choose(#ids, 4), #ids, 4))
end
LUA
    } > "$work/unique.lua"; echo "$work/unique.lua"
  }
  # 1,000 URLs (3-combinations of ranks 0, 22, 44, …: another key space than the misses'); 80% of
  # requests go to the first 200, 20% to the other 800.
  mix_script() {  # $1: path
    { lua_prelude; cat <<LUA
local urls = {}
for i = 0, 999 do urls[#urls + 1] = "$1?actions=" .. unrank(i * 22, #ids, 3) end
math.randomseed(17)
function init() math.randomseed(17 + tonumber(wrk.thread:get("tid") or 0)) end
function request()
  local u
  if math.random() < 0.8 then u = urls[math.random(1, 200)] else u = urls[math.random(201, 1000)] end
  return wrk.format("GET", u)
end
LUA
    } > "$work/mix.lua"; echo "$work/mix.lua"
  }
  # Random selections of 1 to 5 actions (the rows of earlier sessions).
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
  rate() {  # requests/s of wrk with the remaining arguments
    wrk -t 2 -c "$connections" -d "$duration" "$@" | awk '/Requests\/sec/ {print $2}'
  }
  metric() {  # $1: port, $2: metric name
    curl -s "http://127.0.0.1:$1/metrics" | awk -v name="$2" '$1 == name {print $2}'
  }
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  static_page=$(rate "http://127.0.0.1:$nginx_port/connectors/front/guides/link-account/api-token/index.html")
  static_md=$(rate "http://127.0.0.1:$nginx_port/connectors/front/guides/link-account/api-token.md")
  floor=$([ -n "$floor_pid" ] && rate "http://127.0.0.1:$floor_port/front.md" || echo "not built")
  floor_page=$([ -n "$floor_page_pid" ] && rate "http://127.0.0.1:$floor_page_port/front.html" || echo "not built")
  healthz=$(rate "http://127.0.0.1:$serve_port/healthz")
  hit_page=$(rate "http://127.0.0.1:$serve_port$hot")
  hit_md=$(rate "http://127.0.0.1:$serve_port${hot/api-token\?/api-token.md?}")
  renders_before=$(metric "$serve_port" scopeguide_guide_renders_total)
  miss_page=$(rate -s "$(unique_script "$front")" "http://127.0.0.1:$serve_port")
  miss_md=$(rate -s "$(unique_script "$front.md")" "http://127.0.0.1:$serve_port")
  renders_after=$(metric "$serve_port" scopeguide_guide_renders_total)
  json=$(rate -s "$(random_script "$front.json" "$work/front.ids")" "http://127.0.0.1:$serve_port")
  mix=$(rate -s "$(mix_script "$front")" "http://127.0.0.1:$serve_port")
  mix_proxy=$(rate -s "$(mix_script "$front")" "http://127.0.0.1:$proxy_port")
  large_slug=$(curl -s "http://127.0.0.1:$large_port/" | grep -o '/connectors/graph/guides/link-account/[a-z0-9-]*' | head -1)
  large_json=$(rate -s "$(random_script "$large_slug.json" "$work/large.ids")" "http://127.0.0.1:$large_port")
  echo "wrk: 2 threads, $connections connections, $duration each; load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  [ -n "$renders_before" ] && echo "(serve rendered $((renders_after - renders_before)) guides during the two miss rows: every request of them a miss)"
  echo
  echo "| what | requests/s | × nginx's static page | × the floor | goal |"
  echo "|---|---|---|---|---|"
  ratio() { case "$1$2" in *not*|*-*) echo "";; *) python3 -c "print(f'{$1 / $2:.2f}')";; esac; }
  echo "| nginx: the built Front page (Output/, static) | $static_page | 1.00 | | |"
  echo "| nginx: the built Front Markdown (static) | $static_md | $(ratio "$static_md" "$static_page") | | |"
  echo "| Hummingbird alone: no middleware, the Front Markdown from memory (the .md floor) | $floor | $(ratio "$floor" "$static_page") | 1.00 | |"
  echo "| Hummingbird alone: no middleware, a tailored Front page ($(wc -c < "$work/tailored.html" 2>/dev/null || echo 0) bytes) from memory (the page floor) | $floor_page | $(ratio "$floor_page" "$static_page") | 1.00 | |"
  echo "| serve: /healthz (every middleware, no rendering) | $healthz | $(ratio "$healthz" "$static_page") | $(ratio "$healthz" "$floor") (.md floor) | |"
  echo "| serve: cache hit, that tailored Front page | $hit_page | $(ratio "$hit_page" "$static_page") | $(ratio "$hit_page" "$floor_page") | ≥ 0.8 |"
  echo "| serve: cache hit, the same selection's .md | $hit_md | $(ratio "$hit_md" "$static_page") | $(ratio "$hit_md" "$floor") | ≥ 0.8 |"
  echo "| serve: miss, tailored Front page, a new 4-action selection each request | $miss_page | $(ratio "$miss_page" "$static_page") | $(ratio "$miss_page" "$floor_page") | ≥ 0.3 |"
  echo "| serve: miss, tailored Front .md, a new 4-action selection each request | $miss_md | $(ratio "$miss_md" "$static_page") | $(ratio "$miss_md" "$floor") | ≥ 0.3 |"
  echo "| serve: Front .json, random 1–5 actions (mostly misses) | $json | $(ratio "$json" "$static_page") | | |"
  echo "| serve: mix, 80% of requests to 200 of 1,000 page URLs | $mix | $(ratio "$mix" "$static_page") | $(ratio "$mix" "$floor_page") | |"
  echo "| nginx proxy_cache (deploy/) in front of two serve instances: the same mix | $mix_proxy | $(ratio "$mix_proxy" "$static_page") | | ≥ 0.7 × nginx's page |"
  echo "| serve: 11,000-action catalogue .json, random 1–5 actions (render pool) | $large_json | | | ≥ 2,000 req/s |"
  echo
fi

if wants server-memory; then
  command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 1; }
  urls=${URLS:-1000000}
  echo "## Server memory: $urls distinct tailored URLs through one serve (default 64 MiB cache)"
  echo
  memory_port=18190
  "$work/scopeguide" serve --port "$memory_port" --log-level warning >"$work/memory.log" 2>&1 &
  memory_pid=$!
  trap 'kill $memory_pid 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$memory_port/healthz" && break; sleep 0.1; done
  grep -o 'id: front_[a-z_]*' Guides/front/front.connector.yaml | cut -d' ' -f2 > "$work/front.ids"
  front=/connectors/front/guides/link-account/api-token
  for format in "" .md .json; do curl -s -o /dev/null "http://127.0.0.1:$memory_port$front$format?actions=front_send_message"; done
  rss() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$memory_pid/status"; }
  rss_start=$(rss VmRSS)
  # Each request a new 5-action selection (rank 2n + thread of C(52, 5) = 2,598,960), the page,
  # its Markdown and its JSON in turn, until the server has rendered $urls guides.
  { echo "local ids = {"; sed 's/.*/"&",/' "$work/front.ids"; echo "}"; cat <<LUA
local function choose(n, k)
  if k < 0 or k > n then return 0 end
  local r = 1
  for i = 1, k do r = r * (n - k + i) / i end
  return math.floor(r + 0.5)
end
local function unrank(r, n, k)
  local out, x = {}, 0
  for i = k, 1, -1 do
    while choose(n - x - 1, i - 1) <= r do r = r - choose(n - x - 1, i - 1); x = x + 1 end
    out[#out + 1] = ids[x + 1]; x = x + 1
  end
  return table.concat(out, ",")
end
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local n = 0
local formats = {"", ".md", ".json"}
function request()
  local rank = n * 2 + tonumber(wrk.thread:get("tid") or 0)
  n = n + 1
  return wrk.format("GET", "$front" .. formats[n % 3 + 1] .. "?actions=" .. unrank(rank, #ids, 5))
end
LUA
  } > "$work/memory.lua"
  start=$(date +%s)
  wrk -t 2 -c 16 -d 2h -s "$work/memory.lua" "http://127.0.0.1:$memory_port" > "$work/memory-wrk.txt" &
  wrk_pid=$!
  # wrk stops on SIGINT and prints what it measured.
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rendered=$(curl -s "http://127.0.0.1:$memory_port/metrics" | awk '$1 == "scopeguide_guide_renders_total" {print $2}')
    if [ "${rendered:-0}" -ge "$urls" ]; then kill -INT "$wrk_pid"; break; fi
    sleep 1
  done
  wait "$wrk_pid" || true
  elapsed=$(( $(date +%s) - start ))
  sent=$(awk '/requests in/ {print $1}' "$work/memory-wrk.txt")
  metrics=$(curl -s "http://127.0.0.1:$memory_port/metrics")
  value() { echo "$metrics" | awk -v name="$1" '$1 == name {print $2}'; }
  echo "requests: $sent in ${elapsed} s ($(awk '/Requests\/sec/ {print $2}' "$work/memory-wrk.txt") req/s), non-2xx: $(awk '/Non-2xx/ {print $NF}' "$work/memory-wrk.txt")"
  echo "renders: $(value scopeguide_guide_renders_total), cache: $(value scopeguide_cache_entries) entries, $(value scopeguide_cache_bytes) bytes counted of $(value scopeguide_cache_limit_bytes), $(value scopeguide_cache_evictions_total) evictions"
  echo "RSS: $((rss_start / 1024)) MiB after three requests, $(( $(rss VmRSS) / 1024 )) MiB after, peak $(( $(rss VmHWM) / 1024 )) MiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
fi
