#!/usr/bin/env bash
# JWT verifications per second (HS256, RS256, ES256), warm, one thread: devskyy against
# nimbus-jose-jwt and jose4j (test-scope dependencies), in one run, on each JDK found.
# Usage: bench/jwt.sh [seconds per round=2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile >&2
classpath_file=$(mktemp)
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"
rm -f "$classpath_file"
# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. bench/lib.sh
while read -r _ home <&3; do
  "$home/bin/java" -cp "$classpath" dev.devskyy.verify.JwtBench "${1:-2}"
done 3< <(jdks)
