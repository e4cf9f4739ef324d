/**
 * The end-to-end benchmark {@code SdkBench}: the same plugin written with this SDK's
 * starter, the official Python SDK and the official Go SDK, each launched as eKuiper
 * launches it and driven by the test kit's embedded host.
 */
package dev.ekuiper.plugin.benchmarks.sdk;
