package dev.devskyy.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;
import java.util.Optional;

/**
 * What the operating system said when a file operation failed, sorted by who can fix it. Only the
 * OS's own reason (its strerror text) and the path it was given are kept: an exception's message
 * may quote anything, so an exception this class does not recognise yields nothing.
 *
 * @param kind who can fix it
 * @param reason the OS reason, e.g. {@code No space left on device}; never file contents
 * @param path the path the operation was given, or null when the OS did not say (a failed write)
 */
public record IoFailure(Kind kind, String reason, String path) {
    /** Who can fix the failure. */
    public enum Kind {
        /** The caller named something unusable: a missing file, a directory, a NUL in a path. */
        CALLER_INPUT,
        /** The operating system refused access (file modes, EPERM). */
        DENIED,
        /** The machine failed the operation: disk full, read-only file system, I/O error, no descriptors. */
        ENVIRONMENT
    }

    /** The errno texts of glibc (what the JDK reports as a reason) that devskyy recognises. */
    private static final Map<String, Kind> REASONS = Map.ofEntries(
            Map.entry("No such file or directory", Kind.CALLER_INPUT),
            Map.entry("Is a directory", Kind.CALLER_INPUT),
            Map.entry("Not a directory", Kind.CALLER_INPUT),
            Map.entry("File exists", Kind.CALLER_INPUT),
            Map.entry("Directory not empty", Kind.CALLER_INPUT),
            Map.entry("File name too long", Kind.CALLER_INPUT),
            Map.entry("Too many levels of symbolic links", Kind.CALLER_INPUT),
            Map.entry("No such device or address", Kind.CALLER_INPUT),
            Map.entry("Permission denied", Kind.DENIED),
            Map.entry("Operation not permitted", Kind.DENIED),
            Map.entry("No space left on device", Kind.ENVIRONMENT),
            Map.entry("Disk quota exceeded", Kind.ENVIRONMENT),
            Map.entry("Read-only file system", Kind.ENVIRONMENT),
            Map.entry("Input/output error", Kind.ENVIRONMENT),
            Map.entry("Too many open files", Kind.ENVIRONMENT),
            Map.entry("Too many open files in system", Kind.ENVIRONMENT),
            Map.entry("File too large", Kind.ENVIRONMENT),
            Map.entry("Text file busy", Kind.ENVIRONMENT),
            Map.entry("Device or resource busy", Kind.ENVIRONMENT),
            Map.entry("Stale file handle", Kind.ENVIRONMENT),
            Map.entry("Cannot allocate memory", Kind.ENVIRONMENT),
            Map.entry("Invalid cross-device link", Kind.ENVIRONMENT));

    /** The failure {@code thrown} describes, if it is one the OS reported; looks through UncheckedIOException. */
    public static Optional<IoFailure> of(Throwable thrown) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof InvalidPathException invalid) {
            // the JDK's reason names the fault ("Nul character not allowed"), never the input
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, invalid.getReason(), invalid.getInput()));
        }
        if (failure instanceof FileSystemException fs) {
            return ofFileSystem(fs);
        }
        // A plain IOException is how the JDK reports errno of a read or write on an open file; its
        // subclasses (parsers, codecs…) carry messages of their own, which may quote content.
        if (failure != null && failure.getClass() == IOException.class) {
            return known(failure.getMessage(), null);
        }
        return Optional.empty();
    }

    /** The IOException inside an UncheckedIOException, which only carries it through a lambda. */
    public static Throwable unwrap(Throwable thrown) {
        Throwable failure = thrown;
        while (failure instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            failure = unchecked.getCause();
        }
        return failure;
    }

    private static Optional<IoFailure> ofFileSystem(FileSystemException fs) {
        String path = fs.getFile();
        if (fs instanceof Refusal) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, fs.getReason(), path));
        }
        if (fs instanceof NoSuchFileException) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, "No such file or directory", path));
        }
        if (fs instanceof NotDirectoryException) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, "Not a directory", path));
        }
        if (fs instanceof FileAlreadyExistsException) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, "File exists", path));
        }
        if (fs instanceof DirectoryNotEmptyException) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, "Directory not empty", path));
        }
        if (fs instanceof NotLinkException) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, "Not a symbolic link", path));
        }
        if (fs instanceof FileSystemLoopException) {
            return Optional.of(new IoFailure(Kind.CALLER_INPUT, "Too many levels of symbolic links", path));
        }
        if (fs instanceof AccessDeniedException) {
            return Optional.of(new IoFailure(Kind.DENIED, "Permission denied", path));
        }
        return known(fs.getReason(), path);
    }

    /** Only a reason in the table is repeated: anything else might be a message that quotes data. */
    private static Optional<IoFailure> known(String reason, String path) {
        if (reason == null) {
            return Optional.empty();
        }
        // the JDK lengthens ELOOP's text ("… or unable to access attributes of symbolic link")
        String key =
                reason.startsWith("Too many levels of symbolic links") ? "Too many levels of symbolic links" : reason;
        Kind kind = REASONS.get(key);
        return kind == null ? Optional.empty() : Optional.of(new IoFailure(kind, key, path));
    }

    /**
     * Why reading or writing failed, for the middle of a sentence ({@code no such file or
     * directory}), or {@code unreadable} when the OS did not say: never the exception's message.
     */
    public static String reasonOf(Throwable thrown) {
        return of(thrown).map(IoFailure::lowerReason).orElse("unreadable");
    }

    /** The reason in lower case, for the middle of a sentence: {@code no space left on device}. */
    public String lowerReason() {
        return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
