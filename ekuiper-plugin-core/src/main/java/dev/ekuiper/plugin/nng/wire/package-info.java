/**
 * Scalability-protocol (SP) bytes on a stream: the 8-byte connection header and the
 * length-prefixed frames, as libnng and mangos write them. Pure byte logic, no I/O.
 */
package dev.ekuiper.plugin.nng.wire;
