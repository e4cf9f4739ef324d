/**
 * Binding the configurations of sources and sinks with Spring Boot's {@code Binder}, so
 * that they follow the rules of {@code @ConfigurationProperties}.
 */
package dev.ekuiper.plugin.binding.boot;
