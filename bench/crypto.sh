#!/usr/bin/env bash
# Encrypt then decrypt a 1 GiB file in a fresh process: MB/s each way and peak RSS, for devskyy
# (each JDK) and age (Debian package, X25519 recipient), with `openssl speed` as the ceiling.
# Usage: bench/crypto.sh [size_mib=1024] [dir=a temporary directory]
# BEFORE=DIR (a checkout or an unpacked release of another build: DIR/bin/devskyy) adds its rows
# before this build's, each direction run by one, then the other, for a side-by-side comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. bench/lib.sh
size_mib=${1:-1024}
dir=${2:-$(mktemp -d)}
mkdir -p "$dir"
command -v age >/dev/null || { apt-get update -qq && apt-get install -y -qq age >/dev/null; } >&2
command -v /usr/bin/time >/dev/null || { echo "bench/crypto.sh needs /usr/bin/time (package time)" >&2; exit 1; }

bin/devskyy --version >/dev/null
data=$dir/data.bin
if [ ! -f "$data" ] || [ "$(stat -c %s "$data")" -ne $((size_mib << 20)) ]; then
  head -c $((size_mib << 20)) /dev/urandom >"$data"
fi
cat "$data" >/dev/null # in the page cache for every contender alike
bin/devskyy keygen -o "$dir/devskyy.key" >/dev/null 2>&1 || true
ENCRYPTION_MASTER_KEY=$(cat "$dir/devskyy.key")
export ENCRYPTION_MASTER_KEY
[ -f "$dir/age.key" ] || age-keygen -o "$dir/age.key" 2>/dev/null
recipient=$(age-keygen -y "$dir/age.key")

# Runs "$@", prints "<seconds> <peak RSS KiB>".
measure() {
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/err.txt" || { cat "$dir/err.txt" >&2; exit 1; }
  cat "$dir/time.txt"
}
row() { # name direction seconds rss
  awk -v n="$1" -v d="$2" -v s="$3" -v r="$4" -v mib="$size_mib" \
    'BEGIN { printf "  %-22s %-8s %7.2f s  %8.0f MB/s  peak RSS %6.1f MiB\n", n, d, s, mib * 1.048576 / s, r / 1024 }'
}

echo "ceiling: openssl speed -evp aes-256-gcm (16 KiB blocks, one core)"
openssl speed -evp aes-256-gcm -seconds 2 2>/dev/null | awk '/^AES-256-GCM/ { printf "  %.0f MB/s\n", $NF / 1000 }'

echo "$size_mib MiB, file to file (on this disk) and file to /dev/null, fresh process each"
while read -r major home <&3; do
  export JAVA_HOME=$home
  for launcher in ${BEFORE:+"$BEFORE/bin/devskyy"} bin/devskyy; do
    name="devskyy (JDK $major)"
    [ "$launcher" = bin/devskyy ] || name="before (JDK $major)"
    "$launcher" --version >/dev/null
    rm -f "$dir/data.dsky" "$dir/data.out"
    read -r s r < <(measure "$launcher" encrypt "$data" -o "$dir/data.dsky")
    row "$name" encrypt "$s" "$r"
    read -r s r < <(measure "$launcher" decrypt "$dir/data.dsky" -o "$dir/data.out")
    row "$name" decrypt "$s" "$r"
    cmp -s "$data" "$dir/data.out" || { echo "devskyy round trip differs" >&2; exit 1; }
    read -r s r < <(measure "$launcher" encrypt "$data" -o -)
    row "$name" "enc>null" "$s" "$r"
    read -r s r < <(measure "$launcher" decrypt "$dir/data.dsky" -o -)
    row "$name" "dec>null" "$s" "$r"
  done
done 3< <(jdks)
rm -f "$dir/data.age" "$dir/data.out"
read -r s r < <(measure age -r "$recipient" -o "$dir/data.age" "$data")
row "age $(age --version)" encrypt "$s" "$r"
read -r s r < <(measure age -d -i "$dir/age.key" -o "$dir/data.out" "$dir/data.age")
row "age $(age --version)" decrypt "$s" "$r"
read -r s r < <(measure age -r "$recipient" -o /dev/null "$data")
row "age $(age --version)" "enc>null" "$s" "$r"
read -r s r < <(measure age -d -i "$dir/age.key" -o /dev/null "$dir/data.age")
row "age $(age --version)" "dec>null" "$s" "$r"
rm -f "$dir/data.dsky" "$dir/data.out" "$dir/data.age"
