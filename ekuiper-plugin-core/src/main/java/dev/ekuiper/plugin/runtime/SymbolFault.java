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
package dev.ekuiper.plugin.runtime;

import java.time.Duration;

import dev.ekuiper.plugin.protocol.PluginType;

/**
 * Something wrong with a running symbol that eKuiper itself does not show: a call stuck
 * past its timeout, a sink that stopped acknowledging, a source that went quiet, a peer
 * that went away.
 *
 * @param type the symbol's kind
 * @param symbol the symbol's name
 * @param ruleId the rule the instance serves; empty for a function
 * @param problem what is wrong, one line
 * @param age how long it has been so, as far as the runtime has seen
 */
public record SymbolFault(PluginType type, String symbol, String ruleId, String problem, Duration age) {

}
