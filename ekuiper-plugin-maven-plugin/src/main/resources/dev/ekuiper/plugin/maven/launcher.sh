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
# When install.sh has extracted the jar into app/ and trained a class-data archive for
# this Java, they make start-up faster; an archive the JVM cannot use is ignored
# (-Xshare:auto for a CDS archive, the default mode for an AOT cache). Delete app/ to
# run the jar as shipped, or run install.sh again after replacing the Java it found.

JAVA_OPTS_DEFAULT='@@JAVA_OPTS@@'
JAVA_OPTS_QUIET='-Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr'

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
# shellcheck disable=SC2086 # option lists are split on spaces on purpose
exec "$java" $JAVA_OPTS_QUIET $JAVA_OPTS_DEFAULT $EKUIPER_PLUGIN_JAVA_OPTS "$@"
