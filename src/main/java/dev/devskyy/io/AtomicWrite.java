package dev.devskyy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way devskyy writes a file: whole or not at all. The content goes to a new private
 * (0600) temporary file in the target's directory, reached through that directory's open handle,
 * and is then renamed over the target, or — when nothing may be replaced — linked to the target's
 * name, which fails atomically if the name exists. Only a regular file is ever replaced; a
 * directory, FIFO, socket, device or link in the target's place is refused.
 *
 * <p>The temporary file is removed on every failure path and, on SIGTERM or SIGINT, by a shutdown
 * hook. After a kill -9 mid-write it remains, 0600, named {@code .NAME.RANDOM.tmp}: Java cannot
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
     * @throws Refused when the target exists and may not be replaced, is not a regular file, or
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
        String temp = "." + name + "." + HexFormat.of().formatHex(random()) + ".tmp";
        Path tempPath = directory.path().resolve(temp);
        UNFINISHED.add(tempPath);
        try {
            try (SeekableByteChannel channel = directory.createPrivate(temp);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                ((FileChannel) channel).force(true);
            }
            if (replace) {
                BasicFileAttributes now = directory.attributes(name);
                if (now != null) {
                    refuse(target, now, input, true);
                }
                directory.rename(temp, name);
            } else {
                try {
                    directory.link(temp, name);
                } catch (FileAlreadyExistsException e) {
                    throw exists(target);
                }
            }
        } finally {
            directory.delete(temp);
            UNFINISHED.remove(tempPath);
        }
    }

    private static void refuse(DirectoryEntry target, BasicFileAttributes existing, ReadableFile input, boolean replace)
            throws Refused {
        if (!existing.isRegularFile()) {
            throw new Refused(target, "exists and is not a regular file; only regular files are replaced");
        }
        if (input != null && input.fileKey() != null && input.fileKey().equals(existing.fileKey())) {
            throw new Refused(target, "is the input: the output would overwrite the input");
        }
        if (!replace) {
            throw exists(target);
        }
    }

    private static Refused exists(DirectoryEntry target) {
        return new Refused(target, "exists (use --force to replace it)");
    }

    /** An output that may not be written where it was asked for; nothing was changed. */
    public static final class Refused extends FileSystemException {
        private static final long serialVersionUID = 1L;

        Refused(DirectoryEntry target, String reason) {
            super("output " + target.path(), null, reason);
        }
    }

    private static byte[] random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void removeUnfinished() {
        for (Path temp : UNFINISHED) {
            try {
                java.nio.file.Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the process is ending; nothing else can be done for it
            }
        }
    }
}
