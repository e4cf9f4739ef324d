package dev.ekuiper.plugin.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidPluginDefinitionException} into a start-up report that says what
 * to change.
 */
class InvalidPluginDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPluginDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPluginDefinitionException cause) {
		return new FailureAnalysis("The eKuiper plugin is misdeclared: " + cause.getMessage(), cause.getAction(),
				cause);
	}

}
