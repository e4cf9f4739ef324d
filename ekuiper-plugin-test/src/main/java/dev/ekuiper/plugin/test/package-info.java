/**
 * An embedded, faithful Java implementation of eKuiper's host side of the portable plugin
 * protocol, for testing plugins without eKuiper: it launches a plugin the way eKuiper
 * does, drives its control channel and plays the source, sink and function channels.
 */
package dev.ekuiper.plugin.test;
