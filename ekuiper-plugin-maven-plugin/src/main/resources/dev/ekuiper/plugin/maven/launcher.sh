#!/bin/sh
# Starts the eKuiper portable plugin '@@PLUGIN@@'. eKuiper runs this file with one JSON
# argument, which is handed on to the application.
#
# Java: $JAVA_HOME/bin/java, else java on the PATH (Java 17 or later).
# JVM options, in this order, so that later ones win:
#   - JVM logging on stderr only, since eKuiper writes the plugin's stdout to its log;
#   - defaults for a small device, JAVA_OPTS_DEFAULT below (set by the build);
#   - EKUIPER_PLUGIN_JAVA_OPTS from eKuiper's environment, for example
#     EKUIPER_PLUGIN_JAVA_OPTS="-Xmx256m". Options are separated by spaces.
# MALLOC_ARENA_MAX defaults to 2 (glibc's malloc arenas; fewer keep less memory
# resident); set it in eKuiper's environment to choose another value.
# Supervision: the JVM runs as a child of this script, so that eKuiper, which waits on
# this process, does not see the JVM die. When the JVM exits with a non-zero status (a
# crash, a kill, -XX:+ExitOnOutOfMemoryError), it is started again after 1 s, then 2, 4 …
# up to 30 s, and the new JVM restores every source and sink that was running from the
# journal in $EKUIPER_PLUGIN_STATE_DIR. After EKUIPER_PLUGIN_MAX_RESTARTS (default 5)
# restarts without a run of 60 s in between, it gives up with the JVM's status. Status
# 0 (a graceful stop, or eKuiper gone) ends the script, and so does eKuiper's death.
# SIGTERM and SIGINT are passed on to the JVM, which stops gracefully. Where setpriv
# exists, the JVM is killed with this script (eKuiper deletes a plugin with SIGKILL).
# EKUIPER_PLUGIN_SUPERVISE=false runs the JVM in this process instead, as exec.
# When install.sh has extracted the jar into app/ and trained a class-data archive for
# this Java, they make start-up faster; an archive the JVM cannot use is ignored
# (-Xshare:auto for a CDS archive, the default mode for an AOT cache). Delete app/ to
# run the jar as shipped, or run install.sh again after replacing the Java it found.

JAVA_OPTS_DEFAULT='@@JAVA_OPTS@@'
JAVA_OPTS_QUIET='-Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr'
JAVA_OPTS_SUPERVISED='-XX:+ExitOnOutOfMemoryError'

set -f
case $0 in
	*/*) plugin_dir=${0%/*} ;;
	*) plugin_dir=. ;;
esac
plugin_dir=$(cd "$plugin_dir" && pwd -P) || exit 1

if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
	java=$JAVA_HOME/bin/java
else
	java=$(command -v java) || java=
fi
if [ -z "$java" ]; then
	echo "eKuiper plugin '@@PLUGIN@@': no Java found. Set JAVA_HOME or put java (17 or later) on the PATH of eKuiper." >&2
	exit 127
fi

jar=$plugin_dir/@@PLUGIN@@.jar
archive=
if [ -f "$plugin_dir/app/@@PLUGIN@@.jar" ]; then
	jar=$plugin_dir/app/@@PLUGIN@@.jar
	trained=
	if [ -r "$plugin_dir/app/java" ]; then
		IFS= read -r trained < "$plugin_dir/app/java"
	fi
	if [ "$trained" = "$java" ]; then
		if [ -f "$plugin_dir/app/app.aot" ]; then
			archive=-XX:AOTCache=$plugin_dir/app/app.aot
		elif [ -f "$plugin_dir/app/app.jsa" ]; then
			archive=-XX:SharedArchiveFile=$plugin_dir/app/app.jsa
		fi
	fi
fi

set -- -jar "$jar" "$@"
case $archive in
	-XX:SharedArchiveFile=*) set -- -Xshare:auto "$archive" "$@" ;;
	?*) set -- "$archive" "$@" ;;
esac
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
export MALLOC_ARENA_MAX

if [ "$EKUIPER_PLUGIN_SUPERVISE" = false ]; then
	# shellcheck disable=SC2086 # option lists are split on spaces on purpose
	exec "$java" $JAVA_OPTS_QUIET $JAVA_OPTS_SUPERVISED $JAVA_OPTS_DEFAULT $EKUIPER_PLUGIN_JAVA_OPTS "$@"
fi

say() {
	echo "eKuiper plugin '@@PLUGIN@@': $*" >&2
}

# eKuiper is alive while it is still this script's parent: once it dies, the script is
# handed to another parent. Where /proc is missing, a signal probe of its pid stands in.
host_alive() {
	if [ -r /proc/$$/status ]; then
		while IFS=':	' read -r key value; do
			if [ "$key" = PPid ]; then
				[ "$value" = "$host_pid" ]
				return
			fi
		done < /proc/$$/status
	fi
	kill -0 "$host_pid" 2>/dev/null
}

host_pid=$PPID
EKUIPER_PLUGIN_HOST_PID=$host_pid
EKUIPER_PLUGIN_STATE_DIR=${EKUIPER_PLUGIN_STATE_DIR:-$plugin_dir/.state}
export EKUIPER_PLUGIN_HOST_PID EKUIPER_PLUGIN_STATE_DIR
max_restarts=${EKUIPER_PLUGIN_MAX_RESTARTS:-5}
first_delay=${EKUIPER_PLUGIN_RESTART_DELAY:-1}
parent_death=
if command -v setpriv >/dev/null 2>&1 && setpriv --pdeathsig KILL true >/dev/null 2>&1; then
	parent_death='setpriv --pdeathsig KILL'
fi

restarts=0
delay=$first_delay
stopping=
child=
sleeper=
trap 'stopping=1; kill -TERM $child $sleeper 2>/dev/null' TERM INT HUP
while :; do
	EKUIPER_PLUGIN_RESTARTS=$restarts
	export EKUIPER_PLUGIN_RESTARTS
	started=$(date +%s)
	# shellcheck disable=SC2086 # option lists are split on spaces on purpose
	$parent_death "$java" $JAVA_OPTS_QUIET $JAVA_OPTS_SUPERVISED $JAVA_OPTS_DEFAULT $EKUIPER_PLUGIN_JAVA_OPTS "$@" &
	child=$!
	wait "$child"
	status=$?
	# A trapped signal ends the wait early: wait again until the JVM has really exited.
	while kill -0 "$child" 2>/dev/null; do
		wait "$child"
		status=$?
	done
	child=
	if [ -n "$stopping" ] || [ "$status" -eq 0 ]; then
		exit "$status"
	fi
	if ! host_alive; then
		say "the JVM exited with status $status and eKuiper (pid $host_pid) is gone; not restarting"
		exit "$status"
	fi
	if [ $(($(date +%s) - started)) -ge 60 ]; then
		restarts=0
		delay=$first_delay
	fi
	if [ "$restarts" -ge "$max_restarts" ]; then
		say "the JVM exited with status $status after $restarts restarts in a row; giving up"
		exit "$status"
	fi
	restarts=$((restarts + 1))
	say "the JVM exited with status $status; restart $restarts of $max_restarts in ${delay}s"
	sleep "$delay" &
	sleeper=$!
	wait "$sleeper"
	sleeper=
	if [ -n "$stopping" ]; then
		exit "$status"
	fi
	delay=$((delay * 2))
	if [ "$delay" -gt 30 ]; then
		delay=30
	fi
done
