package dev.devskyy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
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
 * and is then synced (see {@link WritebackStream}) and renamed over the target, and the directory
 * is synced too, so that the new name survives a crash. When nothing may
 * be replaced, the target's name is first claimed atomically (see {@link #reserve}), so concurrent
 * writers never replace each other. Only a regular file is ever replaced; a directory, FIFO,
 * socket, device or link in the target's place is refused.
 *
 * <p>The temporary file is removed on every failure path and, on SIGTERM or SIGINT, by a shutdown
 * hook. After a kill -9 mid-write it remains, 0600, named {@code .NAME.RANDOM.tmp} (with, for a
 * write that may not replace, an empty 0600 placeholder under the target's name): Java cannot
 * create an unnamed file (O_TMPFILE) and give it a name later, so this cannot be avoided.
 */
public final class AtomicWrite {
    /**
     * Writes the content; may throw anything, in which case nothing is left behind. (The one
     * failure after the file is in place, a directory that could not be synced, says so.)
     */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How much of the target's name a temporary name repeats: 255 bytes is the usual limit of a name. */
    private static final int NAME_BYTES_SHOWN = 96;

    /** Files a write has created and not yet finished: removed by the shutdown hook. */
    private static final Set<Unfinished> UNFINISHED = ConcurrentHashMap.newKeySet();

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
        Path name = target.name();
        BasicFileAttributes existing = directory.attributes(name);
        if (existing != null) {
            refuse(target, existing, input, replace);
        }
        Unfinished placeholder = replace ? null : reserve(target);
        Unfinished temp = null;
        boolean written = false;
        try {
            temp = create(directory, temporaryName(name));
            try (SeekableByteChannel channel = temp.channel();
                    WritebackStream out = new WritebackStream((FileChannel) channel)) {
                writer.write(out);
                out.flush();
                out.finish();
            }
            BasicFileAttributes now = directory.attributes(name);
            if (replace && now != null) {
                refuse(target, now, input, true);
            } else if (!replace && (now == null || !placeholder.fileKey().equals(now.fileKey()))) {
                throw refused(target, "was replaced while it was being written");
            }
            directory.rename(temp.name(), name);
            written = true;
            syncAfterRename(target);
        } finally {
            // Each step on its own, so that one failing leaves neither the others undone nor
            // the write's own failure hidden.
            if (temp != null) {
                temp.finish(!written);
            }
            if (placeholder != null) {
                placeholder.finish(!written);
            }
        }
    }

    /**
     * Claims {@code target}'s name with an empty private file, created exclusively through the
     * directory's handle: atomic, so of two writers that may not replace anything only one gets
     * the name. The content later replaces this placeholder by rename. (A link(2) of the finished
     * file would avoid the placeholder, but Java can only link by path, which a swapped directory
     * redirects.)
     */
    private static Unfinished reserve(DirectoryEntry target) throws IOException {
        Unfinished placeholder;
        try {
            placeholder = create(target.directory(), target.name());
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        }
        try {
            placeholder.channel().close();
        } catch (IOException e) {
            placeholder.finish(true);
            throw e;
        }
        return placeholder;
    }

    /**
     * Syncs the directory the file was renamed in. A file system that cannot sync a directory
     * (EINVAL) is left as it is, as PostgreSQL does: its renames are as durable as it makes them.
     * Any other failure is reported, saying that the file is in place, so that nobody takes it for
     * a write that left nothing behind.
     */
    private static void syncAfterRename(DirectoryEntry target) throws IOException {
        try {
            target.directory().sync();
        } catch (IOException e) {
            if (e.getClass() == IOException.class && "Invalid argument".equals(e.getMessage())) {
                // the JDK reports fsync's errno as a plain IOException with its strerror text, in
                // English unless the C library has the locale's messages (then this is reported)
                return;
            }
            throw new FileSystemException(
                    target.directory().path().resolve(target.name()).toString(),
                    null,
                    "was written, but its directory could not be synced (" + IoFailure.reasonOf(e)
                            + "): the new name may not survive a crash");
        }
    }

    /** A new private file, known to the shutdown hook until it is finished. */
    private static Unfinished create(OpenDirectory directory, Path name) throws IOException {
        SeekableByteChannel channel = directory.createPrivate(name);
        try {
            BasicFileAttributes created = directory.attributes(name);
            if (created == null) {
                throw new Refusal(directory.path().resolve(name).toString(), "was removed as it was created");
            }
            Unfinished file = new Unfinished(directory.retain(), name, created.fileKey(), channel);
            UNFINISHED.add(file);
            return file;
        } catch (IOException | RuntimeException e) {
            // Not removed: unchecked, it cannot be told from a file someone swapped in; it is empty and 0600.
            channel.close();
            throw e;
        }
    }

    /** {@code .NAME.RANDOM.tmp}, with NAME cut so the whole stays well within a name's 255 bytes. */
    private static Path temporaryName(Path name) {
        byte[] bytes = name.toString().getBytes(StandardCharsets.UTF_8);
        String shown = bytes.length <= NAME_BYTES_SHOWN
                ? name.toString()
                : new String(bytes, 0, NAME_BYTES_SHOWN, StandardCharsets.UTF_8).replace("\uFFFD", "");
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return Path.of("." + shown + "." + HexFormat.of().formatHex(random) + ".tmp");
    }

    /**
     * A file a write created in an open directory, by name and identity: removed, when the write
     * fails or the process is stopped, only if that name still holds that very file (an empty one,
     * for a placeholder), so neither a renamed directory nor a swapped name leads elsewhere.
     */
    private record Unfinished(OpenDirectory directory, Path name, Object fileKey, SeekableByteChannel channel) {
        /** Done with it: removed first if {@code remove}; errors are left to the write's own. */
        void finish(boolean remove) {
            try {
                if (remove) {
                    removeIfUnchanged();
                }
            } catch (IOException e) {
                // what cannot be removed stays, private (0600); the write reports its own failure
            } finally {
                UNFINISHED.remove(this);
                try {
                    channel.close();
                    directory.close();
                } catch (IOException e) {
                    // a handle that fails to close has nothing left to lose
                }
            }
        }

        void removeIfUnchanged() throws IOException {
            BasicFileAttributes now = directory.attributes(name);
            if (now != null && now.isRegularFile() && fileKey.equals(now.fileKey())) {
                directory.delete(name);
            }
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

    /** On SIGTERM or SIGINT: what unfinished writes created, through their directories' handles. */
    private static void removeUnfinished() {
        for (Unfinished file : UNFINISHED) {
            try {
                file.removeIfUnchanged();
            } catch (IOException e) {
                // the process is ending; what cannot be removed stays, private (0600)
            }
        }
    }
}
