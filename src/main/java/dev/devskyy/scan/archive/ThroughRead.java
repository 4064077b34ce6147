package dev.devskyy.scan.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose every read, single bytes and skips too, goes through {@link #read(byte[], int,
 * int)}, where a subclass counts and bounds it. {@link FilterInputStream} would hand {@code skip}
 * to the stream beneath, past the count: a crafted archive could then skip what it must pay for.
 */
public abstract class ThroughRead extends FilterInputStream {
    private static final int SKIP_CHUNK = 8192;

    protected ThroughRead(InputStream in) {
        super(in);
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(SKIP_CHUNK, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
