package dev.ekuiper.plugin.nng.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The socket file of an ipc listener: it replaces a stale file left by a dead process,
 * refuses a path where a live listener answers or a non-socket file lies, makes the file
 * with the wanted permissions before anyone can connect, and removes it on close only if
 * it is still ours.
 */
final class IpcSocketFile {

	private final Path path;

	private final Object fileKey;

	private IpcSocketFile(Path path, Object fileKey) {
		this.path = path;
		this.fileKey = fileKey;
	}

	/**
	 * Binds {@code server} to {@code path}. The socket is bound under a temporary name in
	 * the same folder, given its permissions, then renamed into place.
	 */
	static IpcSocketFile bind(ServerSocketChannel server, Path path, TransportOptions options) throws IOException {
		clearStale(path);
		Path folder = path.toAbsolutePath().getParent();
		Path temporary = folder.resolve(".nng-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
		if (temporary.toString().getBytes(StandardCharsets.UTF_8).length > Address.MAX_IPC_PATH_BYTES) {
			// No room for a temporary name: bind in place and restrict the file at once.
			server.bind(UnixDomainSocketAddress.of(path));
			Files.setPosixFilePermissions(path, options.ipcPermissions());
			return new IpcSocketFile(path, fileKey(path));
		}
		server.bind(UnixDomainSocketAddress.of(temporary));
		try {
			Files.setPosixFilePermissions(temporary, options.ipcPermissions());
			Files.move(temporary, path);
		}
		catch (FileAlreadyExistsException ex) {
			Files.deleteIfExists(temporary);
			throw new IOException("address in use: " + path + " appeared while binding", ex);
		}
		catch (IOException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return new IpcSocketFile(path, fileKey(path));
	}

	/** Removes the file if it is still the one this listener made. */
	void delete() {
		try {
			if (Objects.equals(fileKey(this.path), this.fileKey)) {
				Files.deleteIfExists(this.path);
			}
		}
		catch (IOException ex) {
			// already gone or replaced: nothing of ours to remove
		}
	}

	private static void clearStale(Path path) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		if (!attributes.isOther()) {
			throw new IOException("address in use: " + path + " exists and is not a socket file");
		}
		SocketChannel probe;
		try {
			probe = SocketChannel.open(UnixDomainSocketAddress.of(path));
		}
		catch (ConnectException refused) {
			// Nobody listens: the file was left by a dead process.
			Files.deleteIfExists(path);
			return;
		}
		probe.close();
		throw new IOException("address in use: a live listener answers on " + path);
	}

	private static Object fileKey(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

}
