/**
 * Byte pipes under the SP protocols: addresses, dialers with reconnect back-off,
 * listeners (with ipc socket-file care), and one event loop per socket that accepts,
 * connects, negotiates and reads frames. Knows frames, not REQ/REP or PUSH/PULL
 * semantics.
 */
package dev.ekuiper.plugin.nng.transport;
