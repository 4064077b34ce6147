#!/usr/bin/env bash
# What the benchmark scripts share; each sources it after its cd (. bench/lib.sh from the project's
# root, . ../lib.sh from a folder of bench/).

# The median of the numbers on stdin, one per line (the upper one of an even count's middle two).
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The JDKs of release 17 or later under /usr/lib/jvm, one per major version: "MAJOR HOME" lines,
# lowest major first. Read them on a descriptor of their own (3< <(jdks)), so that what the loop
# runs cannot swallow them from stdin.
jdks() {
  local release home major
  for release in /usr/lib/jvm/*/release; do
    home=${release%/release}
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    if [ "${major:-0}" -ge 17 ] && [ -x "$home/bin/java" ]; then echo "$major $home"; fi
  done | sort -n -k1,1 -u
}
