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
package dev.ekuiper.plugin.autoconfigure.launch;

import java.nio.file.Path;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test start.spring.io generates, in an application using the starter: it passes,
 * whatever the host-loss timeout, since the process was not launched by eKuiper.
 */
@SpringBootTest(properties = "ekuiper.plugin.host-loss-timeout=100ms")
class LaunchedPluginApplicationTests {

	@Autowired
	private PluginRuntime runtime;

	@Autowired
	private Environment environment;

	@Test
	void contextLoads() {
		assertThat(this.runtime.definition().name()).isEqualTo("launched");
	}

	@Test
	void runtimeNeverDialsTheSocketDirectoryOfARealEkuiper() {
		Path directory = Path.of(this.environment.getRequiredProperty("ekuiper.plugin.socket-directory"));
		assertThat(directory).isNotEqualTo(Path.of("/tmp"));
		assertThat(directory).doesNotExist();
	}

}
