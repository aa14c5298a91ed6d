#!/usr/bin/env bash
# Runs every benchmark of Benchmarks/README.md and prints its tables (Markdown).
#
#   bash Benchmarks/run.sh                 # all of them (about 10 minutes on 2 cores)
#   bash Benchmarks/run.sh render build    # some: render, callgrind, build, resolver, memory, badinput
#
# RUNS (default 5) sets the whole-process runs per command; CORPUS (default
# /tmp/scopeguide-corpus) where the synthetic corpus is generated. Needs hyperfine, cmark and
# valgrind from Debian (apt-get install -y hyperfine cmark valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
runs=${RUNS:-5}
corpus=${CORPUS:-/tmp/scopeguide-corpus}
work=$(mktemp -d /tmp/scopeguide-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
selected=${*:-render callgrind build resolver memory badinput}
wants() { [[ " $selected " == *" $1 "* ]]; }

for tool in hyperfine cmark valgrind python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine cmark valgrind" >&2; exit 1; }
done

# One release build of the CLI and the benchmark executable. -gnone: valgrind 3.19 cannot read
# Swift's DWARF 5; the copy is stripped of the C targets' debug info for the same reason.
echo "building (release)..." >&2
ENABLE_SG_BENCHMARKS=1 swift build -c release --scratch-path .build-bench -Xswiftc -gnone >&2
bin=$(ENABLE_SG_BENCHMARKS=1 swift build -c release --scratch-path .build-bench -Xswiftc -gnone --show-bin-path)
cp -R "$bin/scopeguide" "$bin/scopeguide-bench" "$bin"/*.resources "$work/" && strip --strip-debug "$work/scopeguide" "$work/scopeguide-bench"

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
  hyperfine --style none --warmup 1 --runs "$runs" --prepare "rm -rf $work/out" \
    --command-name "cmark (HTML)" "cmark $work/all.md" \
    --command-name "scopeguide build" "$work/scopeguide build --guides $corpus --output $work/out" \
    --command-name "scopeguide build --jobs 1" "$work/scopeguide build --jobs 1 --guides $corpus --output $work/out" \
    --command-name "scopeguide check (load and lint only)" "$work/scopeguide check --guides $corpus" \
    --export-json "$work/build.json" >/dev/null
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
