package dev.devskyy.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * The header of a devskyy encrypted file (docs/file-format.md). It names how the file key is
 * derived, carries the random salt and nonce prefix, and ends with a key check: an HMAC of the
 * header under the file key, so a wrong key is told apart from altered data, and one ciphertext
 * cannot decrypt under two keys.
 */
public final class FileHeader {
    static final byte[] MAGIC = "DSKYENC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int SEGMENT_EXPONENT = 16;
    public static final int SEGMENT_BYTES = 1 << SEGMENT_EXPONENT;
    static final int FILE_SALT_BYTES = 32;
    static final int PBKDF2_SALT_BYTES = 16;
    static final int NONCE_PREFIX_BYTES = 7;
    static final int KEY_CHECK_BYTES = 16;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final byte MODE_KEY = 1;
    private static final byte MODE_PASSWORD = 2;
    private static final byte[] KEY_INFO = "devskyy file v1 key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_INFO = "devskyy file v1 key check".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the file key comes about: a named master key, or a password through PBKDF2. */
    public sealed interface KeySpec permits KeySpec.Named, KeySpec.Password {
        /** A master key of a keyring, by its version (e.g. {@code v2}); empty for a lone key. */
        record Named(String keyId) implements KeySpec {}

        record Password(int iterations, byte[] salt) implements KeySpec {}
    }

    private final KeySpec keySpec;
    private final byte[] fileSalt;
    private final byte[] noncePrefix;
    private final byte[] withoutCheck;

    private FileHeader(KeySpec keySpec, byte[] fileSalt, byte[] noncePrefix) {
        this.keySpec = keySpec;
        this.fileSalt = fileSalt;
        this.noncePrefix = noncePrefix;
        this.withoutCheck = encodeWithoutCheck();
    }

    /** A new header with fresh random salts and nonce prefix. */
    public static FileHeader create(KeySpec keySpec) {
        return new FileHeader(keySpec, random(FILE_SALT_BYTES), random(NONCE_PREFIX_BYTES));
    }

    /** A password spec with a fresh salt and OWASP's iteration count. */
    public static KeySpec.Password newPasswordSpec() {
        return new KeySpec.Password(Pbkdf2.OWASP_ITERATIONS, random(PBKDF2_SALT_BYTES));
    }

    public KeySpec keySpec() {
        return keySpec;
    }

    /** The file key from the input keying material (the master key, or the PBKDF2 output). */
    byte[] fileKey(byte[] ikm) {
        return Hkdf.derive(ikm, fileSalt, KEY_INFO, 32);
    }

    /** The whole header as written, key check included: every segment authenticates it. */
    byte[] encode(byte[] fileKey) {
        byte[] all = Arrays.copyOf(withoutCheck, withoutCheck.length + KEY_CHECK_BYTES);
        System.arraycopy(keyCheck(fileKey), 0, all, withoutCheck.length, KEY_CHECK_BYTES);
        return all;
    }

    /**
     * Checks the stored key check against {@code fileKey}, in constant time.
     *
     * @throws CryptoException AUTHENTICATION when the key or password is wrong
     */
    void verify(byte[] storedCheck, byte[] fileKey) {
        if (!MessageDigest.isEqual(storedCheck, keyCheck(fileKey))) {
            throw new CryptoException(
                    CryptoException.Kind.AUTHENTICATION,
                    "wrong key or password, or an altered header (the key check does not match)");
        }
    }

    /** The nonce of segment {@code index}: prefix ‖ big-endian counter ‖ last-segment flag. */
    void nonce(long index, boolean last, byte[] nonce) {
        if (index > 0xFFFF_FFFFL) {
            throw new CryptoException(CryptoException.Kind.UNSUPPORTED, "file too large for one stream");
        }
        System.arraycopy(noncePrefix, 0, nonce, 0, NONCE_PREFIX_BYTES);
        nonce[7] = (byte) (index >>> 24);
        nonce[8] = (byte) (index >>> 16);
        nonce[9] = (byte) (index >>> 8);
        nonce[10] = (byte) index;
        nonce[11] = (byte) (last ? 1 : 0);
    }

    private byte[] keyCheck(byte[] fileKey) {
        Mac mac = Hmac.sha256(fileKey);
        mac.update(CHECK_INFO);
        return Arrays.copyOf(mac.doFinal(withoutCheck), KEY_CHECK_BYTES);
    }

    private byte[] encodeWithoutCheck() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        if (keySpec instanceof KeySpec.Named named) {
            byte[] id = named.keyId().getBytes(StandardCharsets.UTF_8);
            out.write(MODE_KEY);
            out.write(id.length);
            out.writeBytes(id);
        } else {
            KeySpec.Password password = (KeySpec.Password) keySpec;
            out.write(MODE_PASSWORD);
            int n = password.iterations();
            out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            out.writeBytes(password.salt());
        }
        out.writeBytes(fileSalt);
        out.writeBytes(noncePrefix);
        out.write(SEGMENT_EXPONENT);
        return out.toByteArray();
    }

    /** A header read from a stream, with the key check it carried. */
    record Read(FileHeader header, byte[] keyCheck) {}

    /**
     * Reads and validates a header; nothing after it is consumed.
     *
     * @throws CryptoException FORMAT for a file that is not ours or is cut short, UNSUPPORTED for
     *     a version or parameter this devskyy does not write
     */
    static Read read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CryptoException(CryptoException.Kind.FORMAT, "not a devskyy encrypted file (bad magic)");
            }
            int version = data.readUnsignedByte();
            if (version != VERSION) {
                throw new CryptoException(
                        CryptoException.Kind.UNSUPPORTED, "unsupported file format version " + version);
            }
            KeySpec spec = switch (data.readByte()) {
                case MODE_KEY -> {
                    byte[] id = readFully(data, data.readUnsignedByte());
                    yield new KeySpec.Named(new String(id, StandardCharsets.UTF_8));
                }
                case MODE_PASSWORD -> {
                    int iterations = data.readInt();
                    if (iterations < Pbkdf2.OWASP_ITERATIONS || iterations > MAX_ITERATIONS) {
                        throw new CryptoException(
                                CryptoException.Kind.UNSUPPORTED,
                                "PBKDF2 iteration count " + Integer.toUnsignedString(iterations) + " is outside "
                                        + Pbkdf2.OWASP_ITERATIONS + ".." + MAX_ITERATIONS);
                    }
                    yield new KeySpec.Password(iterations, readFully(data, PBKDF2_SALT_BYTES));
                }
                default -> throw new CryptoException(CryptoException.Kind.FORMAT, "unknown key mode in header");
            };
            FileHeader header =
                    new FileHeader(spec, readFully(data, FILE_SALT_BYTES), readFully(data, NONCE_PREFIX_BYTES));
            int exponent = data.readUnsignedByte();
            if (exponent != SEGMENT_EXPONENT) {
                throw new CryptoException(CryptoException.Kind.UNSUPPORTED, "unsupported segment size 2^" + exponent);
            }
            return new Read(header, readFully(data, KEY_CHECK_BYTES));
        } catch (EOFException e) {
            throw new CryptoException(CryptoException.Kind.FORMAT, "file is truncated inside its header");
        }
    }

    private static byte[] readFully(DataInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
