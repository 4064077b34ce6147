package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Verification keys from where a person keeps them: an HMAC secret in a variable or a file, or a
 * file holding a PEM public key, a JWK or a JWKS. PEM keys pass through the same JWK key policy.
 */
public final class JwtKeys {
    /** Where the keys are; members may be null. */
    public record Settings(String secretEnv, String secretFile, String keyFile) {}

    private JwtKeys() {}

    static List<VerificationKey> load(Settings settings, Map<String, String> env) {
        List<VerificationKey> keys = new ArrayList<>();
        if (settings.secretEnv() != null) {
            String secret = env.get(settings.secretEnv());
            if (secret == null || secret.isEmpty()) {
                throw new JwtException("key_missing", "secret variable " + settings.secretEnv() + " is not set");
            }
            keys.add(secret(secret.getBytes(StandardCharsets.UTF_8)));
        }
        if (settings.secretFile() != null) {
            String secret = read(settings.secretFile()).stripTrailing();
            keys.add(secret(secret.getBytes(StandardCharsets.UTF_8)));
        }
        if (settings.keyFile() != null) {
            String content = read(settings.keyFile()).strip();
            keys.addAll(content.startsWith("-----BEGIN") ? List.of(pem(content)) : jwk(content));
        }
        if (keys.isEmpty()) {
            throw new JwtException("key_missing", "no key: give --secret-env, --secret-file or --key");
        }
        return keys;
    }

    /** An HMAC secret; it names no algorithm, so the caller's allowlist must. */
    static VerificationKey secret(byte[] bytes) {
        ObjectNode jwk = JsonMapper.builder().build().createObjectNode();
        jwk.put("kty", "oct").put("k", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return VerificationKey.parse(jwk);
    }

    private static List<VerificationKey> jwk(String json) {
        try {
            JsonNode node = JsonMapper.builder().build().readTree(json);
            if (node == null || !node.isObject()) {
                throw new JwtException("key_invalid", "the key file is neither PEM nor a JWK or JWKS");
            }
            return VerificationKey.parseSet(node);
        } catch (IOException e) {
            throw new JwtException("key_invalid", "the key file is neither PEM nor valid JSON");
        }
    }

    /** A PEM public key (SubjectPublicKeyInfo), re-expressed as a JWK so one policy judges all keys. */
    private static VerificationKey pem(String pem) {
        if (pem.contains("PRIVATE KEY")) {
            throw new JwtException("key_invalid", "a private key was given where a public key belongs");
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new JwtException("key_invalid", "the PEM key is not base64");
        }
        ObjectNode jwk = JsonMapper.builder().build().createObjectNode();
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

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JwtException("key_missing", "cannot read " + file);
        }
    }
}
