/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
