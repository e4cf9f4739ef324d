#!/bin/sh
# Runs the mangos host emulation (cmd/ekuiperhost) against the Python SDK
# conformance plugin in interop/python, once with acks and once without.
# Usage: interop/mangos/scripts/python-conformance.sh [extra ekuiperhost flags]
# Needs go and the venv described in interop/python/README.md.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
py="$here/../python"
[ -x "$py/.venv/bin/python" ] || { echo "missing $py/.venv (see interop/python/README.md)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here" && go build -o "$work/ekuiperhost" ./cmd/ekuiperhost) || exit 2
rc=0
for ack in --ack ""; do
	echo "== ekuiperhost ${ack:-(no acks)}"
	# shellcheck disable=SC2086
	"$work/ekuiperhost" --plugin conformance \
		--python "$py/.venv/bin/python" --script "$py/conformance/conformance.py" \
		--source counter --sink collect --func revert --records 5 $ack \
		--sink-config "{\"path\":\"$work/collect$ack.jsonl\"}" "$@" 2>"$work/plugin.log" || rc=1
	echo "== rows written by the sink:"
	cat "$work/collect$ack.jsonl" 2>/dev/null
done
[ $rc -eq 0 ] || { echo "== plugin output (last run):"; cat "$work/plugin.log"; }
exit $rc
