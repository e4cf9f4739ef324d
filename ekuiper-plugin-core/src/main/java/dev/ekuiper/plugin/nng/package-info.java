/**
 * A pure-Java implementation of NNG's scalability protocols REQ0, REP0, PUSH0 and PULL0
 * over {@code ipc://} (Unix domain sockets) and {@code tcp://}, wire-compatible with
 * libnng and mangos. It knows nothing of eKuiper.
 */
package dev.ekuiper.plugin.nng;
