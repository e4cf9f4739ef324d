package dev.ekuiper.plugin.binding;

/**
 * Tests for {@link JacksonConfigBinder}: the contract every binder follows.
 */
class JacksonConfigBinderTests extends ConfigBinderContractTests {

	private final JacksonConfigBinder binder = new JacksonConfigBinder();

	@Override
	protected ConfigBinder binder() {
		return this.binder;
	}

}
