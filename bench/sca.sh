#!/bin/sh
# SCA + linters + SBOM on a generated 10,000-file tree, beside tar | gzip -6 of the same tree.
# Not part of `mvn verify`: the class is not named *Test, so it runs only when asked for.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o test -Dtest=ScaBench -Dpkgbuild.bench=true -Dsurefire.failIfNoSpecifiedTests=false
cat target/sca-bench.txt
