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
import dev.ekuiper.plugin.nng.NngException;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the plain-Java SDK, checked on its compiled classes: no package tangles
 * (as Spring Boot's own build checks), the transport below everything of eKuiper, no
 * Spring, no locale-sensitive case conversion, and no transport exception in the public
 * API.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter().importPath(Path.of("target", "classes"));

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.ekuiper.plugin.(**)").should().beFreeOfCycles().check(CORE);
	}

	@Test
	void transportDependsOnNothingOfTheSdkAboveIt() {
		noClasses().that()
			.resideInAPackage("dev.ekuiper.plugin.nng..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("dev.ekuiper.plugin.nng..", "java..", "javax..", "org.slf4j..", "org.jspecify..")
			.check(CORE);
	}

	@Test
	void coreHasNoSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CORE);
	}

	@Test
	void caseConversionNamesItsLocale() {
		noClasses().should()
			.callMethod(String.class, "toLowerCase")
			.orShould()
			.callMethod(String.class, "toUpperCase")
			.because("the default locale changes the result (Turkish 'I')")
			.check(CORE);
	}

	@Test
	void transportExceptionsStayOutOfThePublicApi() {
		methods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.resideOutsideOfPackage("dev.ekuiper.plugin.nng..")
			.should()
			.notDeclareThrowableOfType(NngException.class)
			.check(CORE);
	}

}
