package dev.devskyy.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Output that appears whole or not at all: written to a private temporary file beside the target
 * and renamed into place only when the writer finished without error. The input is never the
 * output, and an existing output is replaced only when asked.
 */
public final class AtomicOutput {
    /** Writes the content; may throw anything, in which case nothing is left behind. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicOutput() {}

    public static void write(Path target, Path input, boolean overwrite, Writer writer) throws IOException {
        Path real = target.toAbsolutePath().normalize();
        if (input != null && Files.exists(real) && Files.isSameFile(real, input)) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "the output would overwrite the input");
        }
        if (!overwrite && Files.exists(real)) {
            throw new CryptoException(
                    CryptoException.Kind.FORMAT, "output " + target + " exists (use --force to replace it)");
        }
        Path temp = Files.createTempFile(
                real.getParent(),
                "." + real.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                channel.force(true);
            }
            move(temp, real, overwrite);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path temp, Path target, boolean overwrite) throws IOException {
        List<StandardCopyOption> options = new ArrayList<>(List.of(StandardCopyOption.ATOMIC_MOVE));
        if (overwrite) {
            options.add(StandardCopyOption.REPLACE_EXISTING);
        } else if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(temp, target, options.toArray(StandardCopyOption[]::new));
        } catch (AtomicMoveNotSupportedException e) {
            options.remove(StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, target, options.toArray(StandardCopyOption[]::new));
        }
    }
}
