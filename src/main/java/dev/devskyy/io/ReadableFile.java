package dev.devskyy.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * A regular file opened by {@link OpenDirectory#file}: its size was checked before it was opened,
 * and no read goes past that bound even if the file grows meanwhile.
 */
public final class ReadableFile implements Closeable {
    /** The largest array a JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Path path;
    private final SeekableByteChannel channel;
    private final Object fileKey;
    private final long maxBytes;

    ReadableFile(Path path, SeekableByteChannel channel, Object fileKey, long maxBytes) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
        this.maxBytes = maxBytes;
    }

    /** Where the file was when it was opened. */
    public Path path() {
        return path;
    }

    /** Its identity (device and inode), to tell whether another name is the same file. */
    public Object fileKey() {
        return fileKey;
    }

    public long size() throws IOException {
        return channel.size();
    }

    /** Reads into {@code buffer} as far as it has room; -1 at the end. Bounded by the buffer alone. */
    public int read(ByteBuffer buffer) throws IOException {
        return channel.read(buffer);
    }

    /** The content as a stream that ends with an error past the bound. */
    public InputStream stream() {
        InputStream raw = Channels.newInputStream(channel);
        return new InputStream() {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                long allowed = maxBytes - read;
                if (allowed == 0 && len > 0) {
                    // At the bound: one more byte means the file is too large.
                    if (raw.read(b, off, 1) > 0) {
                        throw new OpenDirectory.FileTooLargeException(path, maxBytes);
                    }
                    return -1;
                }
                int n = raw.read(b, off, (int) Math.min(len, allowed));
                if (n > 0) {
                    read += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                raw.close();
            }
        };
    }

    /** The whole content; at most the bound is ever read. */
    public byte[] readAll() throws IOException {
        long bound = Math.min(maxBytes, MAX_ARRAY - 1);
        long size = channel.size();
        if (size > bound) {
            throw new OpenDirectory.FileTooLargeException(path, bound);
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(bound + 1, Math.max(size + 1, 8192)));
        while (true) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() > bound) {
                    throw new OpenDirectory.FileTooLargeException(path, bound);
                }
                ByteBuffer larger = ByteBuffer.allocate((int) Math.min(bound + 1, buffer.capacity() * 2L));
                buffer.flip();
                buffer = larger.put(buffer);
            }
            if (channel.read(buffer) < 0) {
                byte[] content = new byte[buffer.position()];
                buffer.flip().get(content);
                return content;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
