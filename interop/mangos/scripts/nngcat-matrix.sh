#!/bin/sh
# Cross-checks mangospeer (mangos v3) against nngcat (libnng) for REQ/REP and
# PUSH/PULL, each side dialing and listening, over ipc:// and tcp://.
# Usage: interop/mangos/scripts/nngcat-matrix.sh   (needs go and nngcat)
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here" && go build -o "$work/mangospeer" ./cmd/mangospeer) || exit 2
MP="$work/mangospeer"
port=$(( 40000 + $$ % 20000 ))
pass=0
fail=0

url() {
	if [ "$tr" = ipc ]; then
		echo "ipc://$work/$1.ipc"
	else
		port=$((port + 1))
		echo "tcp://127.0.0.1:$port"
	fi
}

# check NAME SERVER-CMD CLIENT-CMD WHICH EXPECTED [PEER-EXPECTED]
# Runs the server, then the client; compares mangospeer's stdout (from the
# server or the client, per WHICH) with EXPECTED (lines separated by |), and
# nngcat's output with PEER-EXPECTED when given.
check() {
	name=$1 srv=$2 cli=$3 which=$4 expected=$5 peer_expected=${6:-}
	sh -c "$srv" >"$work/s.out" 2>&1 &
	spid=$!
	sleep 0.3
	timeout 20 sh -c "$cli" >"$work/c.out" 2>&1
	i=0
	while kill -0 "$spid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	out="$work/c.out" peer="$work/s.out"
	[ "$which" = server ] && out="$work/s.out" peer="$work/c.out"
	got=$(paste -sd'|' "$out")
	peer_got=$(paste -sd'|' "$peer")
	if [ "$got" = "$expected" ] && { [ -z "$peer_expected" ] || [ "$peer_got" = "$peer_expected" ]; }; then
		echo "PASS $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		echo "  expected: $expected"
		echo "  got:      $got"
		[ -n "$peer_expected" ] && echo "  nngcat expected: $peer_expected"
		echo "  server:   $(paste -sd'|' "$work/s.out")"
		echo "  client:   $(paste -sd'|' "$work/c.out")"
		fail=$((fail + 1))
	fi
}

req3='ready|sent 1|recv 4f4b|sent 2|recv 4f4b|sent 3|recv 4f4b'
rep3='ready|recv 6869|sent 1|recv 6869|sent 2|recv 6869|sent 3'
push3='ready|sent 1|sent 2|sent 3'
pull3='ready|recv 616263|recv 616263|recv 616263'
# nngcat's REQ needs --interval with --count, else it fails with
# "Cannot set recv timeout".
nreq='--data hi --count 3 --interval 1 --recv-timeout 3'

for tr in ipc tcp; do
	u=$(url a); check "$tr mangos REQ dials, nngcat REP listens" \
		"nngcat --rep0 --listen $u --data OK --count 3" \
		"$MP --req0 --dial $u --data hi --count 3 --recv-timeout 3000" client "$req3"
	u=$(url b); check "$tr nngcat REQ dials, mangos REP listens" \
		"$MP --rep0 --listen $u --data OK --count 3" \
		"nngcat --req0 --dial $u $nreq" server "$rep3"
	u=$(url c); check "$tr mangos REQ listens, nngcat REP dials" \
		"$MP --req0 --listen $u --data hi --count 3 --recv-timeout 5000" \
		"nngcat --rep0 --dial $u --data OK --count 3" server "$req3"
	u=$(url d); check "$tr mangos REP dials, nngcat REQ listens" \
		"nngcat --req0 --listen $u $nreq --delay 1" \
		"$MP --rep0 --dial $u --rep-echo --count 3 --recv-timeout 5000" client "$rep3"
	u=$(url e); check "$tr mangos PUSH dials, nngcat PULL listens" \
		"nngcat --pull0 --listen $u --count 3 --quoted" \
		"$MP --push0 --dial $u --data-hex 616263 --count 3" client "$push3" "\"abc\"|\"abc\"|\"abc\""
	u=$(url f); check "$tr nngcat PUSH dials, mangos PULL listens" \
		"$MP --pull0 --listen $u --count 3 --recv-timeout 5000" \
		"nngcat --push0 --dial $u --data abc --count 3" server "$pull3"
	u=$(url g); check "$tr mangos PUSH listens, nngcat PULL dials" \
		"$MP --push0 --listen $u --data abc --count 3 --send-timeout 5000" \
		"nngcat --pull0 --dial $u --count 3 --quoted" server "$push3" "\"abc\"|\"abc\"|\"abc\""
	u=$(url h); check "$tr mangos PULL dials, nngcat PUSH listens" \
		"nngcat --push0 --listen $u --data abc --count 3 --delay 1" \
		"$MP --pull0 --dial $u --count 3 --recv-timeout 5000" client "$pull3"
done
echo "passed $pass, failed $fail"
[ "$fail" -eq 0 ]
