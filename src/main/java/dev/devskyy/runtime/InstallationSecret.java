package dev.devskyy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A random 256-bit key of one installation (one state directory), kept in {@code installation.key}
 * (0600). It keys the HMACs that fingerprint call arguments in the audit log and name idempotency
 * entries: stable across the calls and processes of the installation, so lines still correlate,
 * but useless for guessing a low-entropy argument (a PIN, an SSN) without the file.
 *
 * <p>The first process to need it creates it atomically: the key is written whole to a private
 * temporary file, then hard-linked to its name, which fails if another process linked first; every
 * process then reads the one file that won.
 */
public final class InstallationSecret {
    static final String FILE_NAME = "installation.key";
    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Path stateDirectory;
    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = new ThreadLocal<>();

    private InstallationSecret(Path stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /** A secret kept elsewhere (the shared database's): {@code key}, 32 random bytes. */
    static InstallationSecret of(byte[] key) {
        InstallationSecret secret = new InstallationSecret(null);
        secret.key = new SecretKeySpec(key, ALGORITHM);
        return secret;
    }

    /** The secret of the installation whose state lives in {@code stateDirectory}; read or made on first use. */
    public static InstallationSecret in(Path stateDirectory) {
        return new InstallationSecret(stateDirectory);
    }

    /**
     * HMAC-SHA256 of {@code message} for one {@code purpose}, as lower-case hex. The purpose is
     * part of the MAC, so a value made for one use never matches one made for another.
     *
     * @throws IOException when the secret can be neither read nor created
     */
    public String hmacHex(String purpose, String message) throws IOException {
        try {
            // A Mac per thread, keyed once: looking up and keying a provider per call cost more
            // than the whole MAC (doFinal leaves it ready for the next message).
            Mac mac = macs.get();
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key());
                macs.set(mac);
            }
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private SecretKeySpec key() throws IOException {
        SecretKeySpec loaded = key;
        if (loaded == null) {
            synchronized (this) {
                loaded = key;
                if (loaded == null) {
                    loaded = new SecretKeySpec(readOrCreate(), ALGORITHM);
                    key = loaded;
                }
            }
        }
        return loaded;
    }

    private byte[] readOrCreate() throws IOException {
        StateDirectory.ensurePrivate(stateDirectory);
        Path file = stateDirectory.resolve(FILE_NAME);
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            create(file);
            return read(file);
        }
    }

    /**
     * Not {@link dev.devskyy.io.AtomicWrite}: that claims a name it may not replace with an empty
     * placeholder first, and a second process starting at the same moment must never read a
     * partial key. A hard link publishes the finished file under the name, exclusively, in one
     * step; the state directory is devskyy's own (0700), so no path in it can be swapped.
     */
    private void create(Path file) throws IOException {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        byte[] text = (HexFormat.of().formatHex(fresh) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path temp = Files.createTempFile(stateDirectory, ".installation-", ".tmp", StateDirectory.privateFile());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: its key is the installation's
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] bytes;
        // a key's worth at most (hex and a line end): never more, whatever the file has become
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(KEY_BYTES * 2 + 2);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-f]{" + KEY_BYTES * 2 + "}")) {
            // never quote the content: it is (or was meant to be) key material
            throw new IOException(file + " is damaged: it must hold " + KEY_BYTES + " bytes as hex");
        }
        return HexFormat.of().parseHex(text);
    }
}
