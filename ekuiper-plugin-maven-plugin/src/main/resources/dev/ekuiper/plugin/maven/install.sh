#!/bin/sh
# eKuiper runs this script in the plugin folder when it installs or updates the plugin
# '@@PLUGIN@@', with the install request's shellParas as arguments.
#
# 1. install-extra.sh, the project's own install steps, runs first when present; if it
#    fails, the install fails.
# 2. Start-up optimisation, which never fails the install: the jar is extracted into app/
#    and a training run, which stops before connecting to eKuiper, records a class-data
#    archive for the Java found here: an AOT cache on Java 25 and later, else a CDS
#    archive. The launcher uses them and otherwise runs the jar as shipped. The details
#    go to install.log. A training run is stopped after EKUIPER_PLUGIN_TRAINING_TIMEOUT
#    seconds (120 unless set in eKuiper's environment).

JAVA_OPTS_DEFAULT='@@JAVA_OPTS@@'
TRAINING_TIMEOUT=${EKUIPER_PLUGIN_TRAINING_TIMEOUT:-120}

set -f
cd "$(dirname "$0")" || exit 1
plugin_dir=$(pwd -P)

if [ -f install-extra.sh ]; then
	/bin/sh ./install-extra.sh "$@" || exit $?
fi

find_java() {
	if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
		echo "$JAVA_HOME/bin/java"
	else
		command -v java
	fi
}

# Runs a command, stopping it after TRAINING_TIMEOUT seconds. The watchdog sleeps one
# second at a time, so that nothing it started outlives the install for long.
bounded() {
	"$@" &
	command_pid=$!
	(
		remaining=$TRAINING_TIMEOUT
		while [ "$remaining" -gt 0 ]; do
			sleep 1
			remaining=$((remaining - 1))
		done
		kill "$command_pid"
	) >/dev/null 2>&1 &
	watchdog_pid=$!
	wait "$command_pid"
	command_status=$?
	kill "$watchdog_pid" 2>/dev/null
	return $command_status
}

# Runs the application until its context is refreshed (a Spring Boot application) or
# its descriptor is written (a plain-Java one), recording the given archive at exit.
train() {
	# shellcheck disable=SC2086 # option lists are split on spaces on purpose
	bounded "$java" $JAVA_OPTS_DEFAULT $EKUIPER_PLUGIN_JAVA_OPTS "$1" -Dspring.context.exit=onRefresh \
		"-Dekuiper.plugin.describe-to=$plugin_dir/app/training.json" -jar "$plugin_dir/app/@@PLUGIN@@.jar" \
		</dev/null >>install.log 2>&1 && [ -s "$2" ]
}

optimise() {
	java=$(find_java)
	if [ -z "$java" ]; then
		echo "No Java found: the plugin will need JAVA_HOME or java on the PATH to start."
		return
	fi
	rm -rf app
	if ! "$java" -Djarmode=tools -jar @@PLUGIN@@.jar extract --destination app </dev/null >>install.log 2>&1; then
		rm -rf app
		echo "The jar cannot be extracted: the plugin runs it as shipped."
		return
	fi
	if train "-XX:AOTCacheOutput=$plugin_dir/app/app.aot" app/app.aot; then
		echo "Trained an AOT cache for $java."
	else
		rm -f app/app.aot
		if train "-XX:ArchiveClassesAtExit=$plugin_dir/app/app.jsa" app/app.jsa; then
			echo "Trained a CDS archive for $java."
		else
			rm -f app/app.jsa
			echo "No class-data archive could be trained (see install.log): the plugin runs the extracted jar."
		fi
	fi
	rm -f app/training.json
	printf '%s\n' "$java" >app/java
}

optimise
exit 0
