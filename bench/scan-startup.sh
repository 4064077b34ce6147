#!/usr/bin/env bash
# A scan's fixed cost, where it is most of the run: the pre-commit hook (`scan --staged` on a
# repository with one staged file), a history of one commit (`scan --git`), and a small tree (this
# repository's docs/), beside `git secrets --scan --cached` (the pre-commit check git-secrets
# installs). Median (min, max) wall time of N runs, interleaved, warm class-data archive.
# Usage: bench/scan-startup.sh [runs=15]
# DEVSKYY_BASELINE=/path/to/bin/devskyy adds another build (an earlier commit) to the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
if ! command -v git-secrets >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq git-secrets) >/dev/null 2>&1 || echo "could not install git-secrets" >&2
fi

work="$PWD/target/bench-scan-startup"
rm -rf "$work"
repo="$work/repo"
mkdir -p "$repo"
git -C "$repo" init -q
git -C "$repo" config user.email bench@example.invalid
git -C "$repo" config user.name bench
printf 'def handler(event):\n    return {"status": 200}\n' >"$repo/app.py"
git -C "$repo" add app.py
git -C "$repo" commit -q -m "first"
printf 'TIMEOUT = 30\n' >"$repo/settings.py"
git -C "$repo" add settings.py
if command -v git-secrets >/dev/null 2>&1; then
  git -C "$repo" secrets --register-aws >/dev/null
fi

builds=("HEAD:$PWD/bin/devskyy")
if [ -n "${DEVSKYY_BASELINE:-}" ]; then
  builds+=("BASELINE:$DEVSKYY_BASELINE")
fi
for build in "${builds[@]}"; do
  "${build#*:}" --version >/dev/null # builds the jar and the class-data archive if needed
done

# one timing of a command in ms, its output discarded and its exit code ignored (findings exit 1)
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

declare -A times
cases=("scan --staged" "scan --git" "scan docs/")
for _ in $(seq "$runs"); do
  for build in "${builds[@]}"; do
    name=${build%%:*}
    bin=${build#*:}
    times["$name|scan --staged"]+=" $(ms "$bin" scan --staged "$repo" --audit-log /dev/null)"
    times["$name|scan --git"]+=" $(ms "$bin" scan --git "$repo" --audit-log /dev/null)"
    times["$name|scan docs/"]+=" $(ms "$bin" scan docs --audit-log /dev/null)"
  done
  if command -v git-secrets >/dev/null 2>&1; then
    times["git-secrets|--scan --cached"]+=" $(cd "$repo" && ms git secrets --scan --cached)"
  fi
done

stats() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {printf "%6d %6d %6d", a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%-32s %6s %6s %6s\n' command median min max
for c in "${cases[@]}"; do
  for build in "${builds[@]}"; do
    name=${build%%:*}
    printf '%-32s %s\n' "devskyy $c ($name)" "$(echo "${times["$name|$c"]}" | stats)"
  done
done
if [ -n "${times["git-secrets|--scan --cached"]:-}" ]; then
  printf '%-32s %s\n' "git secrets --scan --cached" "$(echo "${times["git-secrets|--scan --cached"]}" | stats)"
fi
echo "ms, median of $runs runs, interleaved; $(nproc) cores; java: $(bin/devskyy --version 2>/dev/null | head -1)"
