/**
 * A demo eKuiper portable plugin written as a Spring Boot application.
 */
package dev.ekuiper.plugin.demo;
