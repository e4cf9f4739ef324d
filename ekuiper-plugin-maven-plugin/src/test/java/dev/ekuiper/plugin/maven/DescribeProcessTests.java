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
package dev.ekuiper.plugin.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DescribeProcess}, with a stand-in {@code java} that behaves like a
 * plugin application in describe mode.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class DescribeProcessTests {

	/** Finds the describe-to file among the arguments, then runs the test's behaviour. */
	private static final String PREAMBLE = """
			#!/bin/sh
			for arg in "$@"; do
				case $arg in
					-Dekuiper.plugin.describe-to=*) target=${arg#*=} ;;
				esac
			done
			""";

	@TempDir
	Path temp;

	private Path written;

	private final List<String> warnings = new ArrayList<>();

	@BeforeEach
	void writeDescriptor() throws Exception {
		this.written = this.temp.resolve("written.json");
		Descriptors.sam().write(this.written);
	}

	@Test
	void commandShouldSwitchTheApplicationToDescribeMode() {
		DescribeProcess process = new DescribeProcess(Path.of("/jdk/bin/java"), Duration.ofSeconds(5),
				Duration.ofSeconds(1), this.temp);
		assertThat(process.command(Path.of("/p/app.jar"), Path.of("/p/target/descriptor.json"))).containsExactly(
				"/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-Dekuiper.plugin.describe-to=/p/target/descriptor.json",
				"-Dspring.main.web-application-type=none", "-Dspring.context.exit=onRefresh", "-jar", "/p/app.jar");
	}

	@Test
	void describeShouldReadWhatTheApplicationWrote() throws Exception {
		PluginDescriptor descriptor = describe("cp '" + this.written + "' \"$target\"\n", Duration.ofSeconds(30));
		assertThat(descriptor).isEqualTo(Descriptors.sam());
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void describeWhenTheApplicationFailsShouldShowItsOutput() {
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> describe("echo 'APPLICATION FAILED TO START'\necho 'bad bean' >&2\nexit 3\n",
					Duration.ofSeconds(30)))
			.withMessageContaining("failed in describe mode with exit code 3")
			.withMessageContaining("  | APPLICATION FAILED TO START")
			.withMessageContaining("  | bad bean");
	}

	@Test
	void describeWhenTheApplicationWritesNothingShouldNameTheStarter() {
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> describe("echo 'Hello'\n", Duration.ofSeconds(30)))
			.withMessageContaining("exited without writing a plugin descriptor")
			.withMessageContaining("ekuiper-plugin-spring-boot-starter")
			.withMessageContaining("  | Hello");
	}

	@Test
	void describeWhenTheApplicationHangsShouldStopItAtTheTimeout() {
		long start = System.nanoTime();
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> describe("echo 'waiting'\nexec sleep 60\n", Duration.ofSeconds(1)))
			.withMessageContaining("did not describe itself within 1 s")
			.withMessageContaining("  | waiting");
		assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(20).toNanos());
	}

	@Test
	void describeWhenTheApplicationKeepsRunningAfterWritingShouldStopItAndWarn() throws Exception {
		PluginDescriptor descriptor = describe("cp '" + this.written + "' \"$target\"\nexec sleep 60\n",
				Duration.ofSeconds(30));
		assertThat(descriptor.name()).isEqualTo("sam");
		assertThat(this.warnings).singleElement().asString().contains("did not exit within 1 s");
	}

	@Test
	void describeWhenTheDescriptorIsNotJsonShouldFail() {
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> describe("echo '{broken' >\"$target\"\n", Duration.ofSeconds(30)))
			.withMessageContaining("cannot be read");
	}

	@Test
	void currentReusesTheDescriptorOfTheLastPackageWhenNewerThanTheJar() throws Exception {
		Path jar = Files.writeString(this.temp.resolve("app.jar"), "jar");
		Path folder = this.temp.resolve("target/ekuiper");
		Descriptors.functionOnly("calc", "add").write(folder.resolve(DescribeProcess.DESCRIPTOR_FILE));
		Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
		DescribeProcess process = new DescribeProcess(this.temp.resolve("no/java"), Duration.ofSeconds(5),
				Duration.ofSeconds(1), this.temp);
		assertThat(process.current(jar, folder, this.warnings::add).name()).isEqualTo("calc");
	}

	@Test
	void currentDescribesAgainWhenTheJarIsNewer() throws Exception {
		Path folder = this.temp.resolve("target/ekuiper");
		Path stale = folder.resolve(DescribeProcess.DESCRIPTOR_FILE);
		Descriptors.functionOnly("calc", "add").write(stale);
		Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
		Path java = Scripts.executable(this.temp.resolve("jdk/bin/java"),
				PREAMBLE + "cp '" + this.written + "' \"$target\"\n");
		Path jar = Files.writeString(this.temp.resolve("app.jar"), "jar");
		DescribeProcess process = new DescribeProcess(java, Duration.ofSeconds(30), Duration.ofSeconds(1), this.temp);
		assertThat(process.current(jar, folder, this.warnings::add)).isEqualTo(Descriptors.sam());
	}

	private PluginDescriptor describe(String behaviour, Duration timeout) throws Exception {
		Path java = Scripts.executable(this.temp.resolve("jdk/bin/java"), PREAMBLE + behaviour);
		Path jar = Files.writeString(this.temp.resolve("app.jar"), "jar");
		DescribeProcess process = new DescribeProcess(java, timeout, Duration.ofSeconds(1), this.temp);
		return process.describe(jar, this.temp.resolve("target/ekuiper"), this.warnings::add);
	}

}
