/**
 * Tests for configuration binding, and the contract every binder passes.
 */
package dev.ekuiper.plugin.binding;
