package dev.devskyy.crypto;

import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.PasswordPrompt;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where keys and passwords come from: settings chosen on the command line, else the process
 * environment, else (for a password) the person at the caller's terminal. Never tool arguments.
 */
public final class KeySource {
    static final String DEFAULT_KEY_ENV = "ENCRYPTION_MASTER_KEY";
    static final String KEYRING_ENV = "DEVSKYY_KEYRING";
    /** Only the first line is the password; no password file is near this long. */
    private static final long MAX_PASSWORD_FILE = 64 << 10;

    /**
     * What the command line chose; every member may be null.
     *
     * @param prompt ask for a password on the terminal
     */
    public record Settings(
            String keyring, String keyFile, String keyEnv, String passwordFile, String passwordEnv, boolean prompt) {}

    private final Settings settings;
    private final Map<String, String> env;
    private final PasswordPrompt terminal;

    /**
     * @param terminal the person at the caller's terminal, or null when nobody can be asked (every
     *     caller but the CLI on a terminal): then a password comes from a file or a variable only
     */
    public KeySource(Settings settings, Map<String, String> env, PasswordPrompt terminal) {
        this.settings = settings;
        this.env = env;
        this.terminal = terminal;
    }

    /**
     * The master keys: a keyring file, else a key file, else a base64 key in an environment
     * variable ({@code ENCRYPTION_MASTER_KEY} unless another is named).
     */
    public MasterKeys masterKeys() {
        // Every value below may be key material put where a path or a name belongs: errors name
        // the setting it came from, never the value.
        if (settings.keyring() != null) {
            return MasterKeys.fromKeyring(
                    path(settings.keyring(), "the keyring (--keyring)"), "the keyring (--keyring)");
        }
        if (env.get(KEYRING_ENV) != null) {
            String what = "the keyring named by " + KEYRING_ENV;
            return MasterKeys.fromKeyring(path(env.get(KEYRING_ENV), what), what);
        }
        if (settings.keyFile() != null) {
            String what = "the key file (--key-file)";
            return MasterKeys.fromKeyFile(path(settings.keyFile(), what), what);
        }
        String variable = settings.keyEnv() != null ? settings.keyEnv() : DEFAULT_KEY_ENV;
        String named = settings.keyEnv() != null ? "the variable named by --key-env" : DEFAULT_KEY_ENV;
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new CryptoException(
                    CryptoException.Kind.KEY,
                    "no key: set " + named + " to a base64 32-byte key, or give --key-file or --keyring");
        }
        return MasterKeys.fromBase64(value, named);
    }

    /** A path from a key setting; the value is not quoted when it is not one. */
    private static Path path(String value, String what) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CryptoException(CryptoException.Kind.KEY, what + " is not a valid path: " + e.getReason());
        }
    }

    /**
     * Whether files are protected by a password rather than a key: one was given, or no key is
     * configured anywhere and a person at a terminal can be asked (as {@code age -p} does).
     */
    public boolean hasPassword() {
        return settings.passwordFile() != null
                || settings.passwordEnv() != null
                || settings.prompt()
                || promptsForLackOfKey();
    }

    private boolean promptsForLackOfKey() {
        String variable = settings.keyEnv() != null ? settings.keyEnv() : DEFAULT_KEY_ENV;
        boolean keyConfigured = settings.keyring() != null
                || env.get(KEYRING_ENV) != null
                || settings.keyFile() != null
                || (env.get(variable) != null && !env.get(variable).isBlank());
        return terminal != null && !keyConfigured;
    }

    /** The password for opening a file: from its file (first line), variable, or a no-echo prompt. */
    public byte[] password() {
        return password(false);
    }

    /** The password for protecting a file: typed twice when asked for on the terminal. */
    public byte[] newPassword() {
        return password(true);
    }

    private byte[] password(boolean confirm) {
        if (settings.passwordFile() != null) {
            String what = "the password file (--password-file)";
            Path file = path(settings.passwordFile(), what);
            try {
                // A regular file, and only a password's worth of it: a FIFO or /dev/zero never hangs the call.
                String first = BoundedRead.strictUtf8(BoundedRead.bytes(file, MAX_PASSWORD_FILE))
                        .lines()
                        .findFirst()
                        .orElse("");
                return nonEmpty(first.getBytes(StandardCharsets.UTF_8), what);
            } catch (IOException e) {
                throw new CryptoException(CryptoException.Kind.KEY, MasterKeys.cannotRead(what, e));
            }
        }
        if (settings.passwordEnv() != null) {
            String what = "the variable named by --password-env";
            String value = env.get(settings.passwordEnv());
            if (value == null) {
                throw new CryptoException(CryptoException.Kind.KEY, what + " is not set");
            }
            return nonEmpty(value.getBytes(StandardCharsets.UTF_8), what);
        }
        if (settings.prompt() || terminal != null) {
            byte[] typed = ask("Password: ");
            if (confirm && !Arrays.equals(typed, ask("Password again: "))) {
                throw new CryptoException(CryptoException.Kind.KEY, "the two passwords differ");
            }
            return typed;
        }
        throw new CryptoException(
                CryptoException.Kind.KEY,
                "this file is protected by a password: give --password-file, --password-env, "
                        + "or --password to be asked on the terminal");
    }

    private byte[] ask(String question) {
        if (terminal == null) {
            throw new CryptoException(CryptoException.Kind.KEY, "no terminal to ask for the password");
        }
        char[] typed = terminal.ask(question);
        if (typed == null) {
            throw new CryptoException(CryptoException.Kind.KEY, "no password given");
        }
        try {
            var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
            byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
            return nonEmpty(bytes, "the password");
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    private static byte[] nonEmpty(byte[] password, String what) {
        if (password.length == 0) {
            throw new CryptoException(CryptoException.Kind.KEY, what + " is empty");
        }
        return password;
    }

    /** The key material a file header asks for. */
    byte[] forFile(FileHeader.KeySpec spec) {
        if (spec instanceof FileHeader.KeySpec.Password p) {
            return Pbkdf2.derive(password(), p.salt(), p.iterations(), MasterKeys.KEY_BYTES);
        }
        String id = ((FileHeader.KeySpec.Named) spec).keyId();
        return masterKeys().forVersion(id.isEmpty() ? "v1" : id);
    }
}
