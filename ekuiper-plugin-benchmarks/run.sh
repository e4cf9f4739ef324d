#!/usr/bin/env bash
# Transport benchmark: this SDK's pure-Java NNG transport ("java") against libnng 1.5.2
# (nngbench, the C anchor), mangos v3.4.2 (mangosbench) and a plain Java Unix-domain
# socket (the physical limit for Java), all built here and run interleaved RUNS times on
# this machine. Prints median [min..max] per configuration, the ratios, the allocation per
# message and whether the transport's targets are met. Raw key=value lines go to $LOG.
#
#   ekuiper-plugin-benchmarks/run.sh                  # full run, RUNS=3 (~15 min on 2 cores)
#   RUNS=1 QUICK=1 ekuiper-plugin-benchmarks/run.sh   # smoke run for CI (well under a minute)
#   SUMMARIZE=path/to/results.txt ekuiper-plugin-benchmarks/run.sh   # tables from an old log
#   FORMAT=md ...                                     # tables as Markdown
#
# Settings (environment):
#   RUNS        rounds of every configuration (default 3)
#   QUICK=1     ipc only, 100 B only, -n 5000 -w 500 -d 0.5
#   TRANSPORTS  nng transports to run (default "ipc tcp")
#   ARGS        extra flags for all three harnesses, e.g. "-n 5000 -d 1"
#   IMPLS       which to run (default "java libnng mangos"; missing tools are skipped)
#   BENCH_GROUPS  configuration groups to run, default every "reqrep:T pushpull:T" for T in
#               TRANSPORTS, then "raw" (raw Unix-socket ping-pong/stream and the hand-off
#               control); e.g. BENCH_GROUPS="reqrep:ipc raw" APPEND=1 to redo two groups
#   APPEND=1    add to an existing LOG instead of starting it afresh
#   WAIT_IDLE   before each configuration group, wait up to this many seconds for the CPUs
#               to be at least IDLE_MIN % idle (default 120 s and 85 %; 0 = do not wait;
#               QUICK=1 defaults to 0). Each log line records the idle % seen as idle=.
#   NNG_C_DIR   the libnng anchor's sources (default ../shared/bench/nng-c from the repo root)
#   BENCH_JVM_OPTS, BENCH_MEASURER_OPTS, BENCH_PEER_OPTS   JVM flags for the Java processes
#   LOG         where the raw lines go (default ekuiper-plugin-benchmarks/target/bench/results-<time>.txt)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
QUICK=${QUICK:-0}
FORMAT=${FORMAT:-text}
OUT=ekuiper-plugin-benchmarks/target/bench
if [[ "$QUICK" == 1 ]]; then
  ARGS=${ARGS:-"-s 100 -n 5000 -w 500 -d 0.5"}
  TRANSPORTS=${TRANSPORTS:-ipc}
else
  ARGS=${ARGS:-}
  TRANSPORTS=${TRANSPORTS:-"ipc tcp"}
fi
IMPLS=${IMPLS:-"java libnng mangos"}
if [[ "$QUICK" == 1 ]]; then WAIT_IDLE=${WAIT_IDLE:-0}; else WAIT_IDLE=${WAIT_IDLE:-120}; fi
IDLE_MIN=${IDLE_MIN:-85}
NNG_C_DIR=${NNG_C_DIR:-../shared/bench/nng-c}

summarize() {
  awk -v fmt="$FORMAT" '
  function sortvals(key,   n, i, j, t) {
    n = cnt[key]
    for (i = 1; i <= n; i++) sv[i] = val[key, i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && sv[j-1] > sv[j]; j--) { t = sv[j]; sv[j] = sv[j-1]; sv[j-1] = t }
    return n
  }
  function med(key,   n) { n = sortvals(key); return n ? sv[int((n + 1) / 2)] : "" }
  function cell(key, f,   n) {
    n = sortvals(key); if (n == 0) return "-"
    if (n == 1) return sprintf(f, sv[1])
    return sprintf(f " [" f ".." f "]", sv[int((n + 1) / 2)], sv[1], sv[n])
  }
  function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "-" : sprintf("%.2fx", a / b) }
  function row(cols, n,   i, s) {
    if (fmt == "md") { s = "|"; for (i = 1; i <= n; i++) s = s " " cols[i] " |"; print s; return }
    s = ""; for (i = 1; i <= n; i++) s = s sprintf("%-" width[i] "s ", cols[i]); sub(/ +$/, "", s); print s
  }
  function header(n,   i, s) {
    row(hdr, n)
    if (fmt == "md") { s = "|"; for (i = 1; i <= n; i++) s = s "---|"; print s }
  }
  function title(t) { print ""; print (fmt == "md") ? "**" t "**" : t; if (fmt == "md") print "" }
  {
    delete kv
    for (i = 1; i <= NF; i++) { p = index($i, "="); if (p) kv[substr($i, 1, p - 1)] = substr($i, p + 1) }
    if (!("bench" in kv)) next
    impl = ("impl" in kv) ? kv["impl"] : "?"
    cfg = kv["bench"] SUBSEP kv["transport"] SUBSEP kv["size"]
    if (!((cfg, impl) in seen)) { seen[cfg, impl] = 1; order[++nk] = cfg SUBSEP impl }
    for (k in kv) if (k ~ /_per_s$|_us$|_b$/) { key = cfg SUBSEP impl SUBSEP k; val[key, ++cnt[key]] = kv[k] + 0 }
    runs[impl]++
  }
  END {
    split("java libnng mangos", impls, " ")
    # ---- round trips
    title("Round trips (median [min..max] over runs; latency in microseconds)")
    split("shape,tr,size,impl,round trips/s,p50 us,p99 us,p99.9 us", hdr, ","); split("16,3,5,6,24,22,24,26", width, ",")
    header(8)
    for (o = 1; o <= nk; o++) {
      split(order[o], f, SUBSEP); cfg = f[1] SUBSEP f[2] SUBSEP f[3]; k = cfg SUBSEP f[4]
      if (!((k SUBSEP "rt_per_s", 1) in val)) continue
      c[1] = f[1]; c[2] = f[2]; c[3] = f[3]; c[4] = (f[4] == "java" && f[1] == "reqrep") ? "ours" : f[4]
      c[5] = cell(k SUBSEP "rt_per_s", "%.0f"); c[6] = cell(k SUBSEP "p50_us", "%.1f")
      c[7] = cell(k SUBSEP "p99_us", "%.1f"); c[8] = cell(k SUBSEP "p999_us", "%.1f")
      row(c, 8)
    }
    # ---- streams
    title("One-way streams (payload bytes only, MB = 1e6 B; median [min..max] over runs)")
    split("shape,tr,size,impl,msgs/s,MB/s", hdr, ","); split("16,3,5,6,30,26", width, ",")
    header(6)
    for (o = 1; o <= nk; o++) {
      split(order[o], f, SUBSEP); cfg = f[1] SUBSEP f[2] SUBSEP f[3]; k = cfg SUBSEP f[4]
      if (!((k SUBSEP "msgs_per_s", 1) in val)) continue
      c[1] = f[1]; c[2] = f[2]; c[3] = f[3]; c[4] = (f[4] == "java" && f[1] == "pushpull") ? "ours" : f[4]
      c[5] = cell(k SUBSEP "msgs_per_s", "%.0f"); c[6] = cell(k SUBSEP "mb_per_s", "%.1f")
      row(c, 6)
    }
    # ---- ratios (of medians)
    title("Ratios of medians (ours = this SDK; raw = plain Java Unix socket, same size; >1 means ours is slower for latency, faster for rates)")
    split("shape,tr,size,metric,ours/raw Java,ours/libnng,ours/mangos", hdr, ","); split("9,3,5,10,14,12,12", width, ",")
    header(7)
    for (o = 1; o <= nk; o++) {
      split(order[o], f, SUBSEP)
      if (f[4] != "java" || (f[1] != "reqrep" && f[1] != "pushpull")) continue
      cfg = f[1] SUBSEP f[2] SUBSEP f[3]
      if (f[1] == "reqrep") { rawcfg = "rawuds-pingpong" SUBSEP "uds" SUBSEP f[3]; n = split("p50_us rt_per_s", ms, " ") }
      else { rawcfg = "rawuds-stream" SUBSEP "uds" SUBSEP f[3]; n = split("msgs_per_s", ms, " ") }
      for (m = 1; m <= n; m++) {
        ours = med(cfg SUBSEP "java" SUBSEP ms[m])
        c[1] = f[1]; c[2] = f[2]; c[3] = f[3]; c[4] = ms[m]
        c[5] = ratio(ours, med(rawcfg SUBSEP "java" SUBSEP ms[m]))
        c[6] = ratio(ours, med(cfg SUBSEP "libnng" SUBSEP ms[m]))
        c[7] = ratio(ours, med(cfg SUBSEP "mangos" SUBSEP ms[m]))
        row(c, 7)
      }
    }
    # ---- control experiment
    title("Control: raw ping-pong with one thread hand-off per received message (rawuds-handoff), p50 ratios of medians")
    split("size,handoff/raw Java,ours (ipc)/handoff", hdr, ","); split("5,18,18", width, ",")
    header(3)
    for (o = 1; o <= nk; o++) {
      split(order[o], f, SUBSEP)
      if (f[1] != "rawuds-handoff" || f[4] != "java") continue
      h = med(f[1] SUBSEP f[2] SUBSEP f[3] SUBSEP "java" SUBSEP "p50_us")
      c[1] = f[3]
      c[2] = ratio(h, med("rawuds-pingpong" SUBSEP "uds" SUBSEP f[3] SUBSEP "java" SUBSEP "p50_us"))
      c[3] = ratio(med("reqrep" SUBSEP "ipc" SUBSEP f[3] SUBSEP "java" SUBSEP "p50_us"), h)
      row(c, 3)
    }
    # ---- allocation
    title("Heap allocated per message, bytes (median over runs; extra = allocated minus payload; a byte[] of n bytes takes 16 B of header plus padding to 8 B)")
    split("shape,tr,size,impl,measurer alloc,measurer extra,peer alloc,peer extra", hdr, ","); split("16,3,5,6,16,16,12,12", width, ",")
    header(8)
    for (o = 1; o <= nk; o++) {
      split(order[o], f, SUBSEP); cfg = f[1] SUBSEP f[2] SUBSEP f[3]; k = cfg SUBSEP f[4]
      if (!((k SUBSEP "alloc_b", 1) in val)) continue
      c[1] = f[1]; c[2] = f[2]; c[3] = f[3]; c[4] = (f[4] == "java" && f[1] !~ /^raw/) ? "ours" : f[4]
      c[5] = sprintf("%.1f", med(k SUBSEP "alloc_b"))
      c[6] = ((k SUBSEP "extra_b", 1) in val) ? sprintf("%.1f", med(k SUBSEP "extra_b")) : "-"
      c[7] = ((k SUBSEP "peer_alloc_b", 1) in val) ? sprintf("%.1f", med(k SUBSEP "peer_alloc_b")) : "-"
      c[8] = ((k SUBSEP "peer_extra_b", 1) in val) ? sprintf("%.1f", med(k SUBSEP "peer_extra_b")) : "-"
      row(c, 8)
    }
    # ---- targets
    title("Targets (a benchmark, not a test: reported, never failed on)")
    split("target,measured,met", hdr, ","); split("58,34,4", width, ",")
    header(3)
    for (o = 1; o <= nk; o++) {
      split(order[o], f, SUBSEP)
      if (f[4] != "java") continue
      cfg = f[1] SUBSEP f[2] SUBSEP f[3]
      if (f[1] == "reqrep" && f[2] == "ipc") {
        ours = med(cfg SUBSEP "java" SUBSEP "p50_us"); raw = med("rawuds-pingpong" SUBSEP "uds" SUBSEP f[3] SUBSEP "java" SUBSEP "p50_us")
        c[1] = "REQ/REP ipc " f[3] " B p50 within 1.5x of raw Java ping-pong"
        c[2] = (raw == "") ? "-" : sprintf("%.1f us vs %.1f us = %.2fx", ours, raw, ours / raw)
        c[3] = (raw == "") ? "?" : (ours <= 1.5 * raw) ? "yes" : "no"; row(c, 3)
      }
      if (f[1] == "pushpull" && f[2] == "ipc" && f[3] == 100) {
        ours = med(cfg SUBSEP "java" SUBSEP "msgs_per_s")
        c[1] = "PUSH/PULL ipc 100 B at least 500k msgs/s"; c[2] = sprintf("%.0f msgs/s", ours)
        c[3] = (ours >= 500000) ? "yes" : "no"; row(c, 3)
      }
      if (f[1] == "reqrep" || f[1] == "pushpull") {
        # Garbage beyond the payload array itself: allocated minus align8(16 + size).
        arr = int((16 + f[3] + 7) / 8) * 8
        a = med(cfg SUBSEP "java" SUBSEP "alloc_b"); pa = med(cfg SUBSEP "java" SUBSEP "peer_alloc_b")
        parr = (f[1] == "reqrep") ? arr : 0
        c[1] = f[1] " " f[2] " " f[3] " B: no garbage beyond the payload array"
        c[2] = sprintf("measurer %+.1f B, peer %+.1f B", a - arr, pa - parr)
        c[3] = (a - arr < 1 && pa - parr < 1) ? "yes" : "no"; row(c, 3)
      }
    }
  }' "$1"
}

if [[ -n "${SUMMARIZE:-}" ]]; then
  summarize "$SUMMARIZE"
  exit 0
fi

mkdir -p "$OUT"
LOG=${LOG:-$OUT/results-$(date +%Y%m%d-%H%M%S).txt}

# ---------------------------------------------------------------- build
declare -A BIN
if [[ " $IMPLS " == *" java "* ]]; then
  echo "building the Java harness" >&2
  ./mvnw -q -B -pl ekuiper-plugin-benchmarks -am package -Dmaven.test.skip=true >&2
  JAR=$(find ekuiper-plugin-benchmarks/target -maxdepth 1 -name 'ekuiper-plugin-benchmarks-*.jar' | head -n 1)
  BIN[java]="java -jar $JAR"
fi
if [[ " $IMPLS " == *" mangos "* ]]; then
  if command -v go >/dev/null 2>&1 && [[ -f interop/mangos/go.mod ]]; then
    echo "building mangosbench" >&2
    (cd interop/mangos && go build -o "../../$OUT/mangosbench" ./cmd/mangosbench)
    BIN[mangos]="$OUT/mangosbench"
  else
    echo "skipping mangos: needs go and interop/mangos/go.mod" >&2
  fi
fi
if [[ " $IMPLS " == *" libnng "* ]]; then
  if [[ -f "$NNG_C_DIR/nngbench.c" && -f /usr/include/nng/nng.h ]] && command -v make >/dev/null 2>&1; then
    echo "building nngbench from a temporary copy of $NNG_C_DIR" >&2
    tmp=$(mktemp -d)
    cp "$NNG_C_DIR/nngbench.c" "$NNG_C_DIR/Makefile" "$tmp/"
    make -s -C "$tmp" nngbench >&2
    cp "$tmp/nngbench" "$OUT/nngbench"
    rm -rf "$tmp"
    BIN[libnng]="$OUT/nngbench"
  else
    echo "skipping libnng: needs $NNG_C_DIR/nngbench.c, libnng-dev and make" >&2
  fi
fi

# ---------------------------------------------------------------- run
# One configuration group at a time, the implementations back to back in an order that
# rotates every run, so slow drifts of the machine hit all of them alike.
run_impl() {
  local impl=$1; shift
  [[ -n "${BIN[$impl]:-}" ]] || return 0
  # shellcheck disable=SC2086
  ${BIN[$impl]} "$@" $ARGS | grep '^bench=' | sed "s/^/impl=$impl idle=$IDLE /" | tee -a "$LOG" >&2
}

# Percentage of CPU time idle over half a second, from /proc/stat.
idle_pct() {
  local u n s i w q sq st rest t1 i1 t2 i2
  read -r _ u n s i w q sq st rest < /proc/stat
  t1=$((u + n + s + i + w + q + sq + st)); i1=$((i + w))
  sleep 0.5
  read -r _ u n s i w q sq st rest < /proc/stat
  t2=$((u + n + s + i + w + q + sq + st)); i2=$((i + w))
  echo $(( (t2 > t1) ? 100 * (i2 - i1) / (t2 - t1) : 100 ))
}

# Other work on the machine (builds, tests) skews every figure: wait for it to pass.
wait_idle() {
  IDLE=$(idle_pct)
  (( WAIT_IDLE > 0 )) || return 0
  local waited=0
  while (( IDLE < IDLE_MIN )); do
    if (( waited >= WAIT_IDLE )); then
      echo "machine still busy (${IDLE}% idle) after ${WAIT_IDLE} s, running anyway" >&2
      return 0
    fi
    (( waited == 0 )) && echo "waiting for the machine to be idle (${IDLE}% idle)" >&2
    sleep 2
    waited=$((waited + 3))
    IDLE=$(idle_pct)
  done
}

[[ "${APPEND:-0}" == 1 ]] || : > "$LOG"
if [[ -z "${BENCH_GROUPS:-}" ]]; then
  BENCH_GROUPS=""
  for t in $TRANSPORTS; do BENCH_GROUPS+="reqrep:$t pushpull:$t "; done
  BENCH_GROUPS+="raw"
fi
read -r -a order <<< "$IMPLS"
start=$SECONDS
for run in $(seq 1 "$RUNS"); do
  echo "== run $run/$RUNS (order: ${order[*]})" >&2
  for group in $BENCH_GROUPS; do
    wait_idle
    if [[ "$group" == raw ]]; then
      for impl in "${order[@]}"; do
        case $impl in
          java) run_impl java rawuds; run_impl java handoff ;;
          libnng) run_impl libnng rawuds ;;
        esac
      done
    else
      for impl in "${order[@]}"; do run_impl "$impl" "${group%%:*}" -t "${group#*:}"; done
    fi
  done
  order=("${order[@]:1}" "${order[0]}")
done

echo
echo "$(nproc) cpus, kernel $(uname -r), $(java -version 2>&1 | head -n 1)," \
  "libnng1 $(dpkg-query -W -f='${Version}' libnng1 2>/dev/null || echo '?'), mangos v3.4.2," \
  "runs=$RUNS${ARGS:+, args: $ARGS}, $((SECONDS - start)) s, log: $LOG"
summarize "$LOG"
