package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verification keys from where a person keeps them: an HMAC secret in a variable or a file, or a
 * file holding a PEM public key, a JWK or a JWKS. PEM keys pass through the same JWK key policy.
 */
public final class JwtKeys {
    /**
     * Where the keys are; the first three members may be null.
     *
     * @param secretEnvName how errors name the secret variable, e.g. {@code DEVSKYY_JWT_SECRET}
     * @param keyFileName how errors name the key file, e.g. {@code the key file (--key)}
     */
    public record Settings(
            String secretEnv, String secretFile, String keyFile, String secretEnvName, String keyFileName) {
        /**
         * Settings from the command line's options. The values may be secrets typed where a name or
         * a path belongs, so errors name the options instead.
         */
        public Settings(String secretEnv, String secretFile, String keyFile) {
            this(secretEnv, secretFile, keyFile, "the variable named by --secret-env", "the key file (--key)");
        }

        boolean isEmpty() {
            return secretEnv == null && secretFile == null && keyFile == null;
        }
    }

    /** A JWKS of a hundred RSA keys is under 100 KiB. */
    private static final long MAX_KEY_FILE = 1 << 20;

    private static final String SECRET_FILE = "the secret file (--secret-file)";

    private JwtKeys() {}

    static List<VerificationKey> load(Settings settings, Map<String, String> env) {
        List<VerificationKey> keys = new ArrayList<>();
        secretBytes(settings, env).forEach(secret -> keys.add(secret(secret)));
        if (settings.keyFile() != null) {
            String content = read(settings.keyFile(), settings.keyFileName()).strip();
            keys.addAll(content.startsWith("-----BEGIN") ? List.of(pem(content)) : jwk(content));
        }
        if (keys.isEmpty()) {
            throw new JwtException("key_missing", "no key: give --secret-env, --secret-file or --key");
        }
        return keys;
    }

    /** The secrets named by the settings: from the variable, then from the file. */
    private static List<byte[]> secretBytes(Settings settings, Map<String, String> env) {
        List<byte[]> secrets = new ArrayList<>();
        if (settings.secretEnv() != null) {
            String secret = env.get(settings.secretEnv());
            if (secret == null || secret.isEmpty()) {
                throw new JwtException("key_missing", settings.secretEnvName() + " is not set or empty");
            }
            secrets.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        if (settings.secretFile() != null) {
            secrets.add(read(settings.secretFile(), SECRET_FILE).stripTrailing().getBytes(StandardCharsets.UTF_8));
        }
        return secrets;
    }

    /**
     * The key that signs with {@code alg}: an HMAC secret at least as long as the hash, or a PKCS#8
     * PEM private key of the algorithm's type (RSA of 2048 bits or more, EC on the algorithm's curve).
     */
    static Key signingKey(Settings settings, Map<String, String> env, JwsAlgorithm alg) {
        if (alg.keyType.equals("oct")) {
            List<byte[]> secrets = secretBytes(settings, env);
            if (secrets.size() != 1) {
                throw new JwtException(
                        "key_missing", alg + " signs with one secret: give --secret-env or --secret-file");
            }
            if (secrets.get(0).length < alg.size) {
                throw new JwtException("key_weak", alg + " needs a secret of at least " + alg.size + " bytes");
            }
            return new SecretKeySpec(secrets.get(0), alg.jcaName);
        }
        if (settings.keyFile() == null) {
            throw new JwtException("key_missing", alg + " signs with a private key: give --key FILE (PKCS#8 PEM)");
        }
        String pem = read(settings.keyFile(), settings.keyFileName());
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new JwtException("key_invalid", "the signing key must be a PKCS#8 PEM private key");
        }
        PrivateKey key;
        try {
            String factory = switch (alg.keyType) {
                case "RSA" -> "RSA";
                case "EC" -> "EC";
                default -> "Ed25519";
            };
            key = KeyFactory.getInstance(factory).generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new JwtException("key_invalid", "the private key is not a " + alg.keyType + " key for " + alg);
        }
        if (key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new JwtException("key_weak", "RSA keys must have at least 2048 bits");
        }
        if (key instanceof ECPrivateKey ec
                && ec.getParams().getCurve().getField().getFieldSize() != (alg.size == 66 ? 521 : alg.size * 8)) {
            throw new JwtException("key_invalid", "the EC key is not on the curve " + alg + " uses");
        }
        return key;
    }

    /** An HMAC secret; it names no algorithm, so the caller's allowlist must. */
    static VerificationKey secret(byte[] bytes) {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        jwk.put("kty", "oct").put("k", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return VerificationKey.parse(jwk);
    }

    private static List<VerificationKey> jwk(String json) {
        JsonNode node = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
        if (node == null) {
            throw new JwtException("key_invalid", "the key file is neither PEM nor valid JSON");
        }
        if (!node.isObject()) {
            throw new JwtException("key_invalid", "the key file is neither PEM nor a JWK or JWKS");
        }
        return VerificationKey.parseSet(node);
    }

    /** A PEM public key (SubjectPublicKeyInfo), re-expressed as a JWK so one policy judges all keys. */
    private static VerificationKey pem(String pem) {
        if (pem.contains("PRIVATE KEY")) {
            throw new JwtException("key_invalid", "a private key was given where a public key belongs");
        }
        byte[] der = der(pem);
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            PublicKey key;
            try {
                key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception e) {
                continue;
            }
            if (key instanceof RSAPublicKey rsa) {
                jwk.put("kty", "RSA")
                        .put("n", base64url(rsa.getModulus()))
                        .put("e", base64url(rsa.getPublicExponent()));
            } else if (key instanceof ECPublicKey ec) {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                int size = (bits + 7) / 8;
                String crv = switch (bits) {
                    case 256 -> "P-256";
                    case 384 -> "P-384";
                    case 521 -> "P-521";
                    default -> throw new JwtException("key_invalid", "unsupported EC curve of " + bits + " bits");
                };
                jwk.put("kty", "EC")
                        .put("crv", crv)
                        .put("x", fixed(ec.getW().getAffineX(), size))
                        .put("y", fixed(ec.getW().getAffineY(), size));
            } else {
                byte[] x = Arrays.copyOfRange(der, der.length - 32, der.length);
                jwk.put("kty", "OKP")
                        .put("crv", "Ed25519")
                        .put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(x));
            }
            return VerificationKey.parse(jwk);
        }
        throw new JwtException("key_invalid", "the PEM key is not an RSA, EC or Ed25519 public key");
    }

    private static byte[] der(String pem) {
        try {
            return Base64.getDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new JwtException("key_invalid", "the PEM key is not base64");
        }
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An EC coordinate as JWK wants it: base64url of exactly {@code size} big-endian bytes. */
    static String fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /**
     * A key file's content, UTF-8 text of at most {@link #MAX_KEY_FILE} bytes in a regular file.
     * Its path may be a key pasted where a path belongs (a PEM or a JWK in DEVSKYY_JWT_KEY): errors
     * name the setting and give the OS reason, never the path.
     */
    private static String read(String file, String what) {
        byte[] content;
        try {
            content = BoundedRead.bytes(Path.of(file), MAX_KEY_FILE);
        } catch (IOException | InvalidPathException e) {
            String reason = IoFailure.reasonOf(e);
            throw new JwtException(
                    "key_missing",
                    "cannot read " + what + ": " + reason + " (a path belongs there, never the secret itself)");
        }
        try {
            return BoundedRead.strictUtf8(content);
        } catch (CharacterCodingException e) {
            throw new JwtException("key_invalid", what + " is not UTF-8 text");
        }
    }
}
