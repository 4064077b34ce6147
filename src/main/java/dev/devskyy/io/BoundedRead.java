package dev.devskyy.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A whole file read by its path, outside any granted root: the files a person names on devskyy's
 * own command line ({@code @FILE}, {@code --revoked}) and the key files the server is configured
 * with. A FIFO, device, socket or directory is refused before it is opened (opening a FIFO blocks
 * until a writer comes; a device may never end), a declared size over the bound is refused before
 * a byte is read, and at most bound + 1 bytes are ever read, so a file that grows after it was
 * measured still cannot exhaust the heap.
 *
 * <p>Contract: {@link #bytes} returns the whole content of a regular file of at most {@code max}
 * bytes. Refusals are {@link Refusal}s ({@link OpenDirectory.NotRegularFileException}, {@link
 * OpenDirectory.FileTooLargeException}), so they map like every other guarded-I/O refusal;
 * anything else the OS says is the usual {@link IOException}. The check and the open are two acts
 * by path here (a file swapped for a FIFO between them still blocks the open); {@link
 * OpenDirectory#file} makes them two acts on one directory handle, which only a swap of that very
 * entry can race: files read on a caller's behalf inside granted roots go through that instead.
 */
public final class BoundedRead {
    private BoundedRead() {}

    /** @param max the largest content accepted, in bytes */
    public static byte[] bytes(Path file, long max) throws IOException {
        // Links are followed: this is the person's own path. The type comes from metadata alone.
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new OpenDirectory.NotRegularFileException(file);
        }
        if (attributes.size() > max) {
            throw new OpenDirectory.FileTooLargeException(file, max);
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ)) {
            byte[] content = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (content.length > max) {
                throw new OpenDirectory.FileTooLargeException(file, max);
            }
            return content;
        }
    }

    /**
     * {@code content} as UTF-8 text, decoded strictly: malformed bytes are an error, never a
     * replacement character that would let two different files read alike.
     */
    public static String strictUtf8(byte[] content) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(content))
                .toString();
    }
}
