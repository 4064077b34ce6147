package dev.devskyy.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory held open, with every entry below it reached relative to it (the openat family,
 * through {@link SecureDirectoryStream}) and never through a link: whatever is renamed or swapped
 * under its path meanwhile, an entry used here is the one in this very directory. This is how a
 * check and the use it guards stay one act.
 *
 * <p>Shared by several users (the scan's walker and its workers) through {@link #retain}; the
 * handle closes when the last of them {@link #close closes} it.
 */
public final class OpenDirectory implements Closeable {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final SecureDirectoryStream<Path> handle;
    private final Path path;
    private final Object fileKey;
    private final AtomicInteger users = new AtomicInteger(1);

    private OpenDirectory(SecureDirectoryStream<Path> handle, Path path) throws IOException {
        this.handle = handle;
        this.path = path;
        this.fileKey = handle.getFileAttributeView(BasicFileAttributeView.class)
                .readAttributes()
                .fileKey();
    }

    /** The file system's root, where a full walk starts. */
    public static OpenDirectory fileSystemRoot() throws IOException {
        return at(Path.of("/"));
    }

    /**
     * The directory at {@code path}, opened by name: only for a path no caller can change (the
     * file system's root, a granted root whose identity the opener then checks).
     */
    public static OpenDirectory at(Path path) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(path);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new OpenDirectory(secure, path);
        }
        stream.close();
        // Without openat there is no race-free access: refuse rather than fall back to paths.
        throw new FileSystemException(path.toString(), null, "this platform has no race-free directory access");
    }

    /** Where this directory was when it was opened, for messages and for the root check. */
    public Path path() {
        return path;
    }

    /** The identity (device and inode) of the directory itself. */
    public Object fileKey() {
        return fileKey;
    }

    /** One more user; each must {@link #close} once. */
    public OpenDirectory retain() {
        users.incrementAndGet();
        return this;
    }

    /** What {@code name} is itself (a link is not followed), or null when there is no such entry. */
    public BasicFileAttributes attributes(Path name) throws IOException {
        try {
            return handle.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The subdirectory {@code name}, which {@code seen} says is a directory: opened without
     * following a link, and refused if what was opened is not what was seen.
     */
    public OpenDirectory directory(Path name, BasicFileAttributes seen) throws IOException {
        SecureDirectoryStream<Path> child = handle.newDirectoryStream(name, NO_FOLLOW);
        try {
            OpenDirectory opened = new OpenDirectory(child, path.resolve(name));
            if (!Objects.equals(opened.fileKey, seen.fileKey())) {
                throw changed(name);
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /**
     * The regular file {@code name}, opened for reading if it is one and holds at most {@code
     * maxBytes} (both checked before it is opened, so a FIFO found there is never opened and nothing oversized is
     * read), and only if what was opened is still what was checked.
     */
    public ReadableFile file(Path name, long maxBytes) throws IOException {
        BasicFileAttributes seen = attributes(name);
        if (seen == null) {
            throw new NoSuchFileException(path.resolve(name).toString());
        }
        if (!seen.isRegularFile()) {
            throw new NotRegularFileException(path.resolve(name));
        }
        if (seen.size() > maxBytes) {
            throw new FileTooLargeException(path.resolve(name), maxBytes);
        }
        SeekableByteChannel channel =
                handle.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        BasicFileAttributes after = attributes(name);
        if (after == null || !after.isRegularFile() || !Objects.equals(after.fileKey(), seen.fileKey())) {
            channel.close();
            throw changed(name);
        }
        return new ReadableFile(path.resolve(name), channel, seen.fileKey(), maxBytes);
    }

    /**
     * The names in this directory, may be asked once. Each is a one-component relative path that
     * keeps the name's bytes exactly (a String would not, for names that are not valid UTF-8), and
     * every method here takes names in that form.
     */
    public Iterator<Path> names() {
        return handle.iterator();
    }

    /** A new file readable and writable only by its owner; fails if {@code name} exists in any form. */
    SeekableByteChannel createPrivate(Path name) throws IOException {
        return handle.newByteChannel(
                name,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Renames {@code from} to {@code to} within this directory, replacing what {@code to} names. */
    void rename(Path from, Path to) throws IOException {
        handle.move(from, handle, to);
    }

    /**
     * Makes this directory's entries durable (fsync of the directory itself): a rename is only
     * an entry in the directory, and without this a crash could still bring the old file back.
     */
    void sync() throws IOException {
        try (FileChannel self = (FileChannel)
                handle.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            self.force(true);
        }
    }

    /** Removes {@code name} if it is there. */
    void delete(Path name) throws IOException {
        try {
            handle.deleteFile(name);
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private Refusal changed(Path name) {
        return new Refusal(path.resolve(name).toString(), "changed while it was being opened");
    }

    @Override
    public void close() throws IOException {
        if (users.decrementAndGet() == 0) {
            handle.close();
        }
    }

    /** A file that exists but is no regular file: a directory, FIFO, socket, device or link. */
    public static final class NotRegularFileException extends Refusal {
        private static final long serialVersionUID = 1L;

        public NotRegularFileException(Path file) {
            super(file.toString(), "not a regular file");
        }
    }

    /** A file larger than its reader accepts; refused before a byte of it is read. */
    public static final class FileTooLargeException extends Refusal {
        private static final long serialVersionUID = 1L;

        FileTooLargeException(Path file, long maxBytes) {
            super(file.toString(), "larger than " + maxBytes + " bytes");
        }
    }
}
