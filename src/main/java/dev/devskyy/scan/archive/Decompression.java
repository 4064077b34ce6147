package dev.devskyy.scan.archive;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Decompressing streams that refuse to expand too far: once past {@value #FLOOR} bytes out, at most
 * {@value #MAX_RATIO} bytes out per compressed byte read. Real text rarely passes 20:1, deflate's
 * ceiling is about 1032:1, and a bomb is made to sit near the ceiling; the floor lets small files
 * of spaces or zeros through. How far a stream may go in total is the reader's bound, not this one.
 */
public final class Decompression {
    /** Out per byte in, past the floor. */
    public static final long MAX_RATIO = 200;

    /** Bytes out before the ratio is checked. */
    public static final long FLOOR = 1L << 20;

    private Decompression() {}

    /** Every member of a gzip stream in turn (as gunzip concatenates them). */
    public static InputStream gunzip(InputStream compressed) throws IOException {
        Counted in = new Counted(compressed);
        return new RatioBound(new GZIPInputStream(in, 8192), in);
    }

    /** Raw deflate data, as a zip entry holds it; closing the stream frees the inflater. */
    public static InputStream inflate(InputStream compressed) {
        Counted in = new Counted(compressed);
        return new RatioBound(new RawInflater(in), in);
    }

    /**
     * Raw inflating that frees its native inflater on close, and gives the inflater the one dummy
     * byte zlib may want after raw data that ends exactly at the end of its input.
     */
    private static final class RawInflater extends InflaterInputStream {
        private boolean dummyGiven;

        RawInflater(InputStream in) {
            super(in, new Inflater(true), 8192);
        }

        @Override
        protected void fill() throws IOException {
            len = in.read(buf, 0, buf.length);
            if (len == -1) {
                if (dummyGiven) {
                    throw new EOFException("deflate data ends early");
                }
                dummyGiven = true;
                buf[0] = 0;
                len = 1;
            }
            inf.setInput(buf, 0, len);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }

    /** The compressed bytes a decompressor has taken. */
    private static final class Counted extends FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }

    /** What a decompressor gives, counted against what it took. */
    private static final class RatioBound extends FilterInputStream {
        private final Counted compressed;
        private long out;

        RatioBound(InputStream decompressed, Counted compressed) {
            super(decompressed);
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                given(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                given(n);
            }
            return n;
        }

        /** Skipped bytes are decompressed all the same, so they are read and counted. */
        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
            long left = n;
            while (left > 0) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        private void given(int n) throws ArchiveException {
            out += n;
            if (out > FLOOR && out / Math.max(1, compressed.count) > MAX_RATIO) {
                throw new ArchiveException(
                        ArchiveException.Problem.BOMB,
                        "expands more than " + MAX_RATIO + " times (" + out + " bytes from " + compressed.count + ")");
            }
        }
    }
}
