#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer + UBSan) into
# BUILD_DIR/fuzz and runs each one for a bounded time. Fails when any target finds a crash, a
# broken invariant, a leak, a timeout or an out-of-memory input, naming the target and the saved
# input.
#   scripts/run-fuzz.sh [SECONDS_PER_TARGET] [BUILD_DIR]      defaults: 20, $BUILD_DIR or build
# New interesting inputs accumulate in BUILD_DIR/fuzz/corpus/<target> (so later runs start further
# on); crash inputs go to BUILD_DIR/fuzz/artifacts/<target>/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
build="${2:-${BUILD_DIR:-build}}"

say() { printf '[fuzz] %s\n' "$*"; }
die() { printf '[fuzz] error: %s\n' "$*" >&2; exit 1; }

[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "SECONDS_PER_TARGET must be a positive integer, got '$seconds'"
mkdir -p "$build"
out="$(cd "$build" && pwd)/fuzz"

cxx="$(command -v clang++ || command -v clang++-14 || true)"
[ -n "$cxx" ] || die "clang++ is not installed; the fuzz targets need clang with libFuzzer (Debian 12: clang libclang-rt-14-dev). Run scripts/setup.sh"
command -v cmake >/dev/null || die "cmake is not installed; run scripts/setup.sh"

configure=(-S "$root/tests/fuzz" -B "$out" -DCMAKE_CXX_COMPILER="$cxx")
# The generator is chosen once, at the first configure.
if [ ! -f "$out/CMakeCache.txt" ] && command -v ninja >/dev/null; then configure+=(-G Ninja); fi
if command -v ccache >/dev/null; then configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

say "building the fuzz targets with $("$cxx" --version | head -n 1) in $out"
started=$SECONDS
mkdir -p "$out"
cmake "${configure[@]}" >"$out/configure.log" 2>&1 || { cat "$out/configure.log" >&2; die "configuring tests/fuzz failed"; }
cmake --build "$out" -j2 || die "building tests/fuzz failed"
say "built in $((SECONDS - started)) s"

# Readable stack traces: the symbolizer that ships next to this clang, when present.
symbolizer="$(dirname "$(readlink -f "$cxx")")/llvm-symbolizer"
if [ -x "$symbolizer" ]; then export ASAN_SYMBOLIZER_PATH="$symbolizer"; fi
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# The last value of one of libFuzzer's final `stat::` lines in a log.
fuzz_stat() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }

targets=(zlib_stream zstd_stream etf_codec frame_envelope)
failed=()
for t in "${targets[@]}"; do
    corpus="$out/corpus/$t"
    artifacts="$out/artifacts/$t"
    log="$out/logs/$t.log"
    mkdir -p "$corpus" "$artifacts" "$out/logs"
    args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 -print_final_stats=1
          -artifact_prefix="$artifacts/")
    [ -f "$root/tests/fuzz/$t.dict" ] && args+=(-dict="$root/tests/fuzz/$t.dict")
    # The first directory receives new inputs; the seed directories are only read.
    dirs=("$corpus")
    [ -d "$out/seeds/$t" ] && dirs+=("$out/seeds/$t")
    [ -d "$root/tests/fuzz/corpus/$t" ] && dirs+=("$root/tests/fuzz/corpus/$t")

    rc=0
    "$out/bin/${t}_fuzz" "${args[@]}" "${dirs[@]}" >"$log" 2>&1 || rc=$?
    if [ "$rc" -eq 0 ]; then
        say "$t: ok, $(fuzz_stat "$log" number_of_executed_units) runs in ${seconds} s" \
            "($(fuzz_stat "$log" average_exec_per_sec) exec/s), $(fuzz_stat "$log" new_units_added) new inputs," \
            "peak RSS $(fuzz_stat "$log" peak_rss_mb) MB"
        continue
    fi
    crash="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
    {
        printf '[fuzz] FAIL %s (exit %s): ' "$t" "$rc"
        if [ -n "$crash" ]; then printf 'the input is saved in %s\n' "$crash"; else printf 'no input saved\n'; fi
        grep -v -e '^"' -e '^#[0-9]' "$log" | tail -n 60 | sed 's/^/    /'
        [ -n "$crash" ] && printf '[fuzz] reproduce: %s %s\n' "$out/bin/${t}_fuzz" "$crash"
        printf '[fuzz] full log: %s\n' "$log"
    } >&2
    failed+=("$t${crash:+ ($crash)}")
done

if [ "${#failed[@]}" -gt 0 ]; then
    printf '[fuzz] FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
say "all ${#targets[@]} targets ran ${seconds} s each without a finding (total $((SECONDS - started)) s)"
