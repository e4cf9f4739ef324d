/**
 * Spring Boot auto-configuration of an eKuiper plugin: symbol beans by name, the
 * runtime's lifecycle, and its {@code ekuiper.plugin.*} properties.
 */
package dev.ekuiper.plugin.autoconfigure;
