package dev.devskyy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way devskyy reads a whole file into memory (an {@code @FILE} argument, a spec, a glTF
 * asset, a keyring, a policy, a key file…). A FIFO, device or socket is refused before it is
 * opened (opening a FIFO blocks until a writer comes; a device may never end), a declared size
 * over the bound is refused before a byte is read, and at most bound + 1 bytes are ever read, so
 * a file that grows after it was measured still cannot exhaust the heap.
 *
 * <p>Contract: {@link #bytes} returns the whole content of a regular file of at most {@code max}
 * bytes. Refusals (not a regular file, too large) are {@link ToolError} {@code E4001} naming
 * {@code what} and the path, never the content; I/O failures (missing, unreadable) stay
 * {@link IOException}s for the caller to word, as each caller did before.
 */
public final class BoundedRead {
    private BoundedRead() {}

    /**
     * @param max the largest content accepted, in bytes
     * @param what names the file's role in the error, e.g. {@code "policy"}
     */
    public static byte[] bytes(Path file, long max, String what) throws IOException {
        // The type is read through links, but from the file system's metadata alone: nothing is opened.
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw ToolError.of(
                    ErrorCode.E4001, what + " " + file + " is not a regular file (" + kind(attributes) + ")");
        }
        if (attributes.size() > max) {
            throw tooLarge(file, max, what);
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ)) {
            byte[] content = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (content.length > max) {
                throw tooLarge(file, max, what);
            }
            return content;
        }
    }

    private static ToolError tooLarge(Path file, long max, String what) {
        return ToolError.of(ErrorCode.E4001, what + " " + file + " is larger than " + max + " bytes");
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return attributes.isOther() ? "a FIFO, device or socket" : "not a file";
    }
}
