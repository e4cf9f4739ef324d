/**
 * eKuiper's portable-plugin protocol as data: control commands, function requests and
 * replies, source tuples, sink acks, and the socket addresses of each channel.
 */
package dev.ekuiper.plugin.protocol;
