/**
 * Maven plugin that packages a plugin application as an eKuiper portable plugin zip, with
 * every file generated from the descriptor the application writes about itself.
 */
package dev.ekuiper.plugin.maven;
