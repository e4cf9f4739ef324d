/**
 * Tests for describing a plugin from its code.
 */
package dev.ekuiper.plugin.descriptor;
