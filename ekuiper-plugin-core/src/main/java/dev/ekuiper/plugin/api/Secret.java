package dev.ekuiper.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a configuration property whose value must never be logged or echoed to eKuiper:
 * wherever the runtime writes configuration or an error text (a refused start, an error
 * ack, a source error, a log line), the value is shown as {@code ******}. Put it on a
 * record component or a field of a source's or sink's configuration type.
 *
 * <p>
 * Properties whose name contains {@code password}, {@code passwd}, {@code secret},
 * {@code token}, {@code credential}, {@code apikey}, {@code privatekey} or
 * {@code accesskey} (in any case, ignoring {@code _}, {@code -} and {@code .}) are secret
 * without it, in typed and raw ({@code Map}) configurations alike.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
public @interface Secret {

}
