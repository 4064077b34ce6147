package dev.devskyy.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The devskyy file format's segments: 64 KiB of plaintext each, sealed with AES-256-GCM under the
 * file key, nonces built STREAM-style (prefix ‖ counter ‖ last flag) and the header as associated
 * data. Truncation, reordering, duplication, appended bytes and flipped bits all fail
 * authentication or framing. Memory stays at two segments whatever the size.
 */
public final class FileCipher {
    private static final int SEALED_BYTES = FileHeader.SEGMENT_BYTES + AesGcm.TAG_BYTES;

    private FileCipher() {}

    /**
     * Encrypts {@code in} to {@code out}; {@code ikm} is the master key or the PBKDF2 output.
     *
     * @return the number of plaintext bytes
     */
    public static long encrypt(InputStream in, OutputStream out, FileHeader header, byte[] ikm) throws IOException {
        byte[] fileKey = header.fileKey(ikm);
        byte[] aad = header.encode(fileKey);
        out.write(aad);
        AesGcm gcm = AesGcm.create();
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        byte[] current = new byte[FileHeader.SEGMENT_BYTES];
        byte[] next = new byte[FileHeader.SEGMENT_BYTES];
        byte[] sealed = new byte[SEALED_BYTES];
        int length = in.readNBytes(current, 0, current.length);
        long total = length;
        for (long index = 0; ; index++) {
            // Read one segment ahead: only then is it known whether this one is the last.
            int nextLength = length == current.length ? in.readNBytes(next, 0, next.length) : 0;
            boolean last = nextLength == 0;
            header.nonce(index, last, nonce);
            int n = gcm.seal(fileKey, nonce, aad, current, 0, length, sealed, 0);
            out.write(sealed, 0, n);
            if (last) {
                return total;
            }
            total += nextLength;
            byte[] swap = current;
            current = next;
            next = swap;
            length = nextLength;
        }
    }

    /**
     * Decrypts a key-protected file and encrypts its plaintext again under the keyring's current
     * key, streaming: the plaintext never touches the disk.
     *
     * @return the number of plaintext bytes
     */
    public static long rotate(InputStream in, OutputStream out, MasterKeys keys) throws IOException {
        // The decrypting half blocks on the pipe: it gets a thread of its own, not the common pool
        // (one worker on two cores), where concurrent rotations would queue behind each other.
        PipedInputStream plain = new PipedInputStream(2 * FileHeader.SEGMENT_BYTES);
        PipedOutputStream toPlain = new PipedOutputStream(plain);
        CompletableFuture<Long> decrypted = CompletableFuture.supplyAsync(
                () -> {
                    try (toPlain) {
                        return decrypt(in, toPlain, spec -> {
                            if (spec instanceof FileHeader.KeySpec.Named named) {
                                return keys.forVersion(named.keyId().isEmpty() ? "v1" : named.keyId());
                            }
                            throw new CryptoException(
                                    CryptoException.Kind.UNSUPPORTED,
                                    "a password-protected file is not rotated: decrypt it and encrypt it again");
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                FileCipher::ownThread);
        FileHeader header = FileHeader.create(new FileHeader.KeySpec.Named(keys.currentVersion()));
        long written;
        try (plain) {
            written = encrypt(plain, out, header, keys.current());
        }
        try {
            // A failure while decrypting ends the plaintext early: it must fail the rotation too.
            long read = decrypted.join();
            if (read != written) {
                throw new IllegalStateException("rotation lost bytes");
            }
            return written;
        } catch (CompletionException e) {
            if (e.getCause() instanceof CryptoException crypto) {
                throw crypto;
            }
            throw e;
        }
    }

    /**
     * Decrypts {@code in} to {@code out}, writing each segment only once it has authenticated.
     *
     * @param ikm gives the master key or password-derived key the header asks for
     * @return the number of plaintext bytes
     * @throws CryptoException AUTHENTICATION for a wrong key or altered data, FORMAT for
     *     truncated or extended files; plaintext already written belongs to authenticated segments
     */
    public static long decrypt(InputStream in, OutputStream out, Function<FileHeader.KeySpec, byte[]> ikm)
            throws IOException {
        FileHeader.Read read = FileHeader.read(in);
        FileHeader header = read.header();
        byte[] fileKey = header.fileKey(ikm.apply(header.keySpec()));
        header.verify(read.keyCheck(), fileKey);
        byte[] aad = header.encode(fileKey);
        AesGcm gcm = AesGcm.create();
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        byte[] sealed = new byte[SEALED_BYTES + 1];
        byte[] plain = new byte[FileHeader.SEGMENT_BYTES];
        // One byte past a full segment tells whether more follows without a second read.
        int length = in.readNBytes(sealed, 0, sealed.length);
        long total = 0;
        for (long index = 0; ; index++) {
            boolean last = length <= SEALED_BYTES;
            int segment = Math.min(length, SEALED_BYTES);
            if (segment < AesGcm.TAG_BYTES) {
                throw new CryptoException(CryptoException.Kind.FORMAT, "file is truncated (segment " + index + ")");
            }
            header.nonce(index, last, nonce);
            int n;
            try {
                n = gcm.open(fileKey, nonce, aad, sealed, 0, segment, plain, 0);
            } catch (CryptoException e) {
                throw new CryptoException(
                        e.kind(),
                        "segment " + index + " does not authenticate: the file was "
                                + "altered, truncated, reordered or extended");
            }
            out.write(plain, 0, n);
            total += n;
            if (last) {
                return total;
            }
            sealed[0] = sealed[SEALED_BYTES];
            length = 1 + in.readNBytes(sealed, 1, sealed.length - 1);
        }
    }

    private static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "devskyy-rotate-decrypt");
        thread.setDaemon(true);
        thread.start();
    }
}
