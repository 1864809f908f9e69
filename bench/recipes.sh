#!/bin/sh
# Load and compile all corpus recipes in one JVM (after warm-up passes); prints total and median.
# Not part of `mvn verify`: the class is not named *Test, so it runs only when asked for.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o test -Dtest=CorpusBench -Dpkgbuild.bench=true -Dsurefire.failIfNoSpecifiedTests=false
cat target/surefire-reports/dev.pkgbuild.pipeline.CorpusBench-output.txt
