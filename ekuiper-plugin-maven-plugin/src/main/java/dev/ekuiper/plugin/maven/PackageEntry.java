package dev.ekuiper.plugin.maven;

/**
 * One file of the plugin package.
 *
 * @param path the path inside the zip, with {@code /} separators and no leading
 * {@code ./}
 * @param mode the unix permission bits, for example {@code 0755}
 */
record PackageEntry(String path, int mode) {

	/** Mode of a plain file. */
	static final int FILE_MODE = 0644;

	/** Mode of an executable file or a folder. */
	static final int EXECUTABLE_MODE = 0755;

}
