package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AES-256 master keys by version ({@code v1}, {@code v2}, …): one of them current, used to
 * encrypt; any of them used to decrypt what names it. Key bytes never leave this class but to
 * the cipher, and never appear in a message.
 */
public final class MasterKeys {
    public static final int KEY_BYTES = 32;
    /** A keyring of a thousand keys is under 64 KiB; a key file is 32 bytes or their base64. */
    private static final long MAX_FILE = 1 << 20;

    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]{0,8}");

    private final Map<String, byte[]> keys;
    private final String current;

    private MasterKeys(Map<String, byte[]> keys, String current) {
        this.keys = Map.copyOf(keys);
        this.current = current;
    }

    /** One key, as version v1 (the platform's first version). */
    public static MasterKeys single(byte[] key) {
        checkLength(key, "the key");
        return new MasterKeys(Map.of("v1", key.clone()), "v1");
    }

    /** A key written as standard base64 (e.g. ENCRYPTION_MASTER_KEY); {@code what} names it in errors. */
    public static MasterKeys fromBase64(String text, String what) {
        return single(decode(text.trim(), what));
    }

    /**
     * A key file holding the 32 raw bytes, or their base64.
     *
     * @param what names the file in errors, e.g. {@code the key file (--key-file)}: a path may be
     *     key material pasted where a path belongs, so messages never quote it
     */
    public static MasterKeys fromKeyFile(Path file, String what) {
        byte[] content = read(file, what);
        if (content.length == KEY_BYTES) {
            return single(content);
        }
        return fromBase64(new String(content, StandardCharsets.US_ASCII), what);
    }

    /** A keyring file, named {@code the keyring} in errors. */
    public static MasterKeys fromKeyring(Path file) {
        return fromKeyring(file, "the keyring");
    }

    /**
     * A keyring file: {@code {"current": "v2", "keys": {"v1": "<base64>", "v2": "<base64>"}}}.
     *
     * @param what names the file in errors (see {@link #fromKeyFile}); neither its path nor any
     *     of its content is quoted
     */
    public static MasterKeys fromKeyring(Path file, String what) {
        JsonNode root;
        try {
            // Strict: a version given twice is an error, not the last one silently winning.
            root = Json.readFile(read(file, what));
        } catch (IOException e) {
            throw new CryptoException(
                    CryptoException.Kind.KEY, what + " is not valid JSON, or names a key version twice");
        }
        JsonNode entries = root.get("keys");
        JsonNode current = root.get("current");
        if (entries == null || !entries.isObject() || current == null || !current.isTextual()) {
            throw new CryptoException(CryptoException.Kind.KEY, what + " needs \"current\" and an object of \"keys\"");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            if (!VERSION.matcher(entry.getKey()).matches()) {
                throw new CryptoException(
                        CryptoException.Kind.KEY,
                        // a name in the wrong place may be a key: not quoted
                        what + ": a key version is not of the form v1, v2, …");
            }
            if (!entry.getValue().isTextual()) {
                throw new CryptoException(
                        CryptoException.Kind.KEY, "key " + entry.getKey() + " of " + what + " is not a base64 string");
            }
            keys.put(entry.getKey(), decode(entry.getValue().textValue(), "key " + entry.getKey() + " of " + what));
        }
        if (!keys.containsKey(current.textValue())) {
            throw new CryptoException(
                    CryptoException.Kind.KEY,
                    what + ": the current version "
                            + (VERSION.matcher(current.textValue()).matches() ? current.textValue() + " " : "")
                            + "has no key");
        }
        return new MasterKeys(keys, current.textValue());
    }

    public String currentVersion() {
        return current;
    }

    byte[] current() {
        return keys.get(current);
    }

    /** @throws CryptoException KEY when no key of that version is known */
    byte[] forVersion(String version) {
        byte[] key = keys.get(version);
        if (key == null) {
            throw new CryptoException(CryptoException.Kind.KEY, "no key for version " + version);
        }
        return key;
    }

    private static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Kind.KEY, what + " is not base64");
        }
        checkLength(key, what);
        return key;
    }

    private static void checkLength(byte[] key, String what) {
        if (key.length != KEY_BYTES) {
            throw new CryptoException(
                    CryptoException.Kind.KEY, what + " must decode to exactly 32 bytes, not " + key.length);
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            return BoundedRead.bytes(file, MAX_FILE);
        } catch (IOException e) {
            throw new CryptoException(CryptoException.Kind.KEY, cannotRead(what, e));
        }
    }

    /**
     * Why a key source named by a path cannot be read: the OS reason only (an exception's message
     * is the path, which may be the key itself), and the likely mistake.
     */
    static String cannotRead(String what, IOException e) {
        String reason = IoFailure.reasonOf(e);
        return "cannot read " + what + ": " + reason + " (a path belongs there, never the secret itself)";
    }
}
