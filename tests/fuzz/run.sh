#!/usr/bin/env bash
# Runs every fuzz target for a bounded time from its seed corpus.
#   tests/fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET [PARALLEL]
# Exits non-zero when any target finds a crash, a sanitizer report or a broken
# invariant; the reproducer is left in BUILD_DIR/fuzz-artifacts.
set -uo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="$1"
seconds="$2"
parallel="${3:-2}"
bin="$build/tests/fuzz"
work="$build/fuzz-work"
artifacts="$build/fuzz-artifacts"
mkdir -p "$work" "$artifacts"

seeds() {  # the read-only seed corpora of a target
    case "$1" in
    fuzz_scenario) echo "$src/tests/fuzz/corpus/scenario" ;;
    fuzz_tiers) echo "$src/resources/tiers" ;;
    fuzz_lessons) echo "$src/resources/lessons" ;;
    fuzz_plan) echo "$src/tests/fuzz/corpus/plan" ;;
    fuzz_quiz_progress) echo "$src/tests/fuzz/corpus/quiz_progress" ;;
    fuzz_settings) echo "$src/tests/fuzz/corpus/settings" ;;
    fuzz_engine) echo "" ;;
    fuzz_prices) echo "$src/tests/fuzz/corpus/prices" ;;
    fuzz_document) echo "$src/tests/fuzz/corpus/document" ;;
    fuzz_frames) echo "$src/tests/fuzz/corpus/frames $work/frames-recorded" ;;
    esac
}

run() {  # run TARGET
    local t="$1"
    mkdir -p "$work/$t"
    # shellcheck disable=SC2046
    QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=16384 \
        -dict="$src/tests/fuzz/json.dict" -artifact_prefix="$artifacts/$t-" -print_final_stats=1 \
        "$work/$t" $(seeds "$t") >"$work/$t.log" 2>&1
    local rc=$?
    local runs
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$')
    if [ $rc -eq 0 ]; then
        echo "fuzz: $t clean, ${runs:-?} runs in ${seconds}s"
    else
        echo "fuzz: $t FAILED (exit $rc); log $work/$t.log" >&2
        tail -40 "$work/$t.log" >&2
    fi
    return $rc
}

# The recorded venue frames (shared/data/feeds, not copied into the project), one seed per line.
feeds="${LEVLAB_MARKET_DATA:-$src/../shared/data}/feeds"
mkdir -p "$work/frames-recorded"
if [ -d "$feeds" ]; then
    for f in "$feeds"/*.jsonl; do
        n=0
        while IFS= read -r line; do
            n=$((n + 1))
            printf '%s' "$line" >"$work/frames-recorded/$(basename "$f" .jsonl)-$n"
        done <"$f"
    done
fi

targets=(fuzz_scenario fuzz_tiers fuzz_lessons fuzz_plan fuzz_quiz_progress fuzz_settings fuzz_engine fuzz_prices fuzz_document fuzz_frames)
failed=0
pids=()
for t in "${targets[@]}"; do
    run "$t" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$parallel" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do
    wait "$p" || failed=1
done
exit $failed
