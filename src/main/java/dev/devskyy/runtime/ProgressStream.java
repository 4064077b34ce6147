package dev.devskyy.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that reports how much of it was read, as a call's progress: every {@link #EVERY}
 * bytes, which at a GB/s is a few reports a second, and none for a small file.
 */
final class ProgressStream extends FilterInputStream {
    static final long EVERY = 16L << 20;

    private final ToolCallContext context;
    private final Double total;
    private final String verb;
    private long read;
    private long nextReport = EVERY;

    ProgressStream(InputStream in, ToolCallContext context, Double total, String verb) {
        super(in);
        this.context = context;
        this.total = total;
        this.verb = verb;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    /** A reset would count bytes twice; nothing that reads a file through here needs one. */
    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) {
        read += n;
        if (read >= nextReport) {
            nextReport = read + EVERY;
            String done = total == null ? ByteSizes.of(read) : ByteSizes.of(read) + " of " + ByteSizes.of(total);
            context.progress(read, total, verb + ": " + done);
        }
    }
}
