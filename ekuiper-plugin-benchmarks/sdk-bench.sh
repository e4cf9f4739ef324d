#!/usr/bin/env bash
# End-to-end benchmark: the plugin 'bench' written with this SDK's Spring Boot starter
# against the same plugin written with the official eKuiper Python SDK
# (interop/python/bench) and with the official Go SDK (the anchor
# ../shared/anchors/go-sdk: bench/ as shipped, guard/bench/ with a workaround for the
# SDK's stopped-sink bug), all launched as eKuiper launches them and driven by one
# embedded eKuiper host (dev.ekuiper.plugin.benchmarks.sdk.SdkBench). Prints key=value
# lines on stderr, then a Markdown table of median [min..max] and the Java/Python and
# Java/Go ratios; a shape an SDK cannot run is reported as "hangs" with its reason.
#
#   ekuiper-plugin-benchmarks/sdk-bench.sh            # RUNS=3 (about 6 min here)
#   QUICK=1 ekuiper-plugin-benchmarks/sdk-bench.sh    # smoke run for CI (about a minute)
#
# Settings (environment): RUNS, QUICK, SDKS ("java python go go-guard"; the Go columns
# only when the anchor exists), SHARED_DIR (the folder holding anchors/go-sdk, default
# ../shared beside the repository root), PYTHON (default interop/python/.venv/bin/python,
# created here if missing and python3 is available), PLUGIN_JAVA, PLUGIN_JAVA_OPTS
# (default the launcher's -Xms16m -Xmx96m -XX:NewRatio=5 -Xss512k -XX:+UseSerialGC
# -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5), CDS=0 (no column with a
# class-data archive), RAW=0 (no raw socket), ACK_TIMEOUT (seconds one ack may take
# before the acked sink counts as hanging, default 10), BENCH_JVM_OPTS (JVM flags of the
# host harness).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building the harness" >&2
./mvnw -q -B -pl ekuiper-plugin-benchmarks -am package -Dmaven.test.skip=true >&2
JAR=$(find ekuiper-plugin-benchmarks/target -maxdepth 1 -name 'ekuiper-plugin-benchmarks-*.jar' | head -n 1)

if [[ " ${SDKS:-java python} " == *" python "* && -z "${PYTHON:-}" && ! -x interop/python/.venv/bin/python ]]; then
  echo "setting up the Python SDK venv in interop/python/.venv" >&2
  python3 -m venv interop/python/.venv >&2
  interop/python/.venv/bin/pip install -q -r interop/python/requirements.txt >&2
fi

# shellcheck disable=SC2086 # option lists are split on spaces on purpose
exec java ${BENCH_JVM_OPTS:-} -cp "$JAR" dev.ekuiper.plugin.benchmarks.sdk.SdkBench
