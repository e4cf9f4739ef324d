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
package dev.ekuiper.plugin;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the starter's classes: no package tangles, the transport left to the
 * runtime, and no locale-sensitive case conversion.
 */
class AutoconfigureArchitectureTests {

	private static final JavaClasses STARTER = new ClassFileImporter().importPath(Path.of("target", "classes"));

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.ekuiper.plugin.(**)").should().beFreeOfCycles().check(STARTER);
	}

	@Test
	void theStarterDoesNotReachIntoTheTransport() {
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.ekuiper.plugin.nng..").check(STARTER);
	}

	@Test
	void caseConversionNamesItsLocale() {
		noClasses().should()
			.callMethod(String.class, "toLowerCase")
			.orShould()
			.callMethod(String.class, "toUpperCase")
			.check(STARTER);
	}

}
