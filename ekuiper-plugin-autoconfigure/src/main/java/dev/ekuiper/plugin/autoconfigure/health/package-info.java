/**
 * Auto-configuration of the eKuiper plugin's health contributor.
 */
package dev.ekuiper.plugin.autoconfigure.health;
