package dev.devskyy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way devskyy writes a file: whole or not at all. The content goes to a new private
 * (0600) temporary file in the target's directory, reached through that directory's open handle,
 * and is then renamed over the target. When nothing may be replaced, the target's name is first
 * claimed atomically (see {@link #reserve}), so concurrent writers never replace each other. Only
 * a regular file is ever replaced; a directory, FIFO, socket, device or link in the target's place
 * is refused.
 *
 * <p>The temporary file is removed on every failure path and, on SIGTERM or SIGINT, by a shutdown
 * hook. After a kill -9 mid-write it remains, 0600, named {@code .NAME.RANDOM.tmp} (with, for a
 * write that may not replace, an empty 0600 placeholder under the target's name): Java cannot
 * create an unnamed file (O_TMPFILE) and give it a name later, so this cannot be avoided.
 */
public final class AtomicWrite {
    /** Writes the content; may throw anything, in which case nothing is left behind. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicWrite::removeUnfinished, "devskyy-temp-cleanup"));
    }

    private AtomicWrite() {}

    /**
     * @param input the file the content is read from, if any: the output may not be that file
     * @param replace whether an existing regular file may be replaced
     * @throws Refusal when the target exists and may not be replaced, is not a regular file, or
     *     is the input
     */
    public static void write(DirectoryEntry target, ReadableFile input, boolean replace, Writer writer)
            throws IOException {
        OpenDirectory directory = target.directory();
        String name = target.name();
        BasicFileAttributes existing = directory.attributes(name);
        if (existing != null) {
            refuse(target, existing, input, replace);
        }
        Object reserved = replace ? null : reserve(target);
        Path placeholder = target.path();
        if (reserved != null) {
            UNFINISHED.add(placeholder);
        }
        String temp = "." + name + "." + HexFormat.of().formatHex(random()) + ".tmp";
        Path tempPath = directory.path().resolve(temp);
        UNFINISHED.add(tempPath);
        boolean written = false;
        try {
            try (SeekableByteChannel channel = directory.createPrivate(temp);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                ((FileChannel) channel).force(true);
            }
            BasicFileAttributes now = directory.attributes(name);
            if (replace && now != null) {
                refuse(target, now, input, true);
            } else if (!replace && (now == null || !reserved.equals(now.fileKey()))) {
                throw refused(target, "was replaced while it was being written");
            }
            directory.rename(temp, name);
            written = true;
        } finally {
            directory.delete(temp);
            UNFINISHED.remove(tempPath);
            if (!written && reserved != null) {
                release(directory, name, reserved);
            }
            UNFINISHED.remove(placeholder);
        }
    }

    /**
     * Claims {@code target}'s name with an empty private file, created exclusively through the
     * directory's handle: atomic, so of two writers that may not replace anything only one gets
     * the name. The content later replaces this placeholder by rename. (A link(2) of the finished
     * file would avoid the placeholder, but Java can only link by path, which a swapped directory
     * redirects.)
     */
    private static Object reserve(DirectoryEntry target) throws IOException {
        try {
            target.directory().createPrivate(target.name()).close();
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        }
        BasicFileAttributes placeholder = target.directory().attributes(target.name());
        if (placeholder == null || !placeholder.isRegularFile()) {
            throw refused(target, "was replaced while it was being written");
        }
        return placeholder.fileKey();
    }

    /** Removes the placeholder of a write that failed, if it is still the placeholder. */
    private static void release(OpenDirectory directory, String name, Object reserved) throws IOException {
        BasicFileAttributes now = directory.attributes(name);
        if (now != null && reserved.equals(now.fileKey()) && now.size() == 0) {
            directory.delete(name);
        }
    }

    private static void refuse(DirectoryEntry target, BasicFileAttributes existing, ReadableFile input, boolean replace)
            throws Refusal {
        if (!existing.isRegularFile()) {
            throw refused(target, "exists and is not a regular file; only regular files are replaced");
        }
        if (input != null && input.fileKey() != null && input.fileKey().equals(existing.fileKey())) {
            throw refused(target, "is the input: the output would overwrite the input");
        }
        if (!replace) {
            throw exists(target);
        }
    }

    /** An output that may not be written where it was asked for; nothing was changed. */
    private static Refusal refused(DirectoryEntry target, String reason) {
        return new Refusal(target.path().toString(), reason);
    }

    private static Refusal exists(DirectoryEntry target) {
        return refused(target, "exists (use --force to replace it)");
    }

    private static byte[] random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** On SIGTERM or SIGINT: temporary files, and placeholders still empty. */
    private static void removeUnfinished() {
        for (Path file : UNFINISHED) {
            try {
                if (java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && (file.getFileName().toString().endsWith(".tmp") || java.nio.file.Files.size(file) == 0)) {
                    java.nio.file.Files.delete(file);
                }
            } catch (IOException e) {
                // the process is ending; nothing else can be done for it
            }
        }
    }
}
