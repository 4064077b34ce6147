package dev.devskyy.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Streams a file's content through a SHA-2 digest in constant memory. */
public final class FileDigest {
    /** The digests offered: SHA-2 only, since MD5 and SHA-1 are broken for integrity. */
    public enum Algorithm {
        SHA256("SHA-256"),
        SHA384("SHA-384"),
        SHA512("SHA-512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Algorithm parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has " + jcaName, e);
            }
        }
    }

    /** The digest in lower-case hex and how many bytes went into it. */
    public record Result(String hex, long bytes) {}

    private static final int BUFFER = 1 << 16;

    private FileDigest() {}

    /** @throws InterruptedIOException when the thread is interrupted (a timeout or a cancellation) */
    public static Result of(InputStream in, Algorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("hashing interrupted");
            }
            digest.update(buffer, 0, n);
            total += n;
        }
        return new Result(HexFormat.of().formatHex(digest.digest()), total);
    }
}
