package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * A public (or HMAC) key from a JWK, with the metadata that limits its use, admitted only if it
 * passes key policy (RFC 8725 §3): RSA of 2048 bits or more with a sane exponent and no ROCA
 * weakness, EC points on their curve, Ed25519 of the right length.
 *
 * @param alg the one algorithm the JWK allows, or null when it names none
 * @param keyOps the JWK's key_ops, or null
 */
record VerificationKey(String kty, String kid, String use, List<String> keyOps, String alg, Key key, String curve) {
    private static final Map<String, String> CURVES =
            Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");
    private static final Map<String, Integer> COORDINATE = Map.of("P-256", 32, "P-384", 48, "P-521", 66);
    private static final byte[] ED25519_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    /** The keys of a JWK or a JWKS ({@code {"keys": [...]}}). */
    static List<VerificationKey> parseSet(JsonNode jwkOrSet) {
        List<VerificationKey> keys = new ArrayList<>();
        if (jwkOrSet.has("keys")) {
            for (JsonNode jwk : jwkOrSet.get("keys")) {
                keys.add(parse(jwk));
            }
        } else {
            keys.add(parse(jwkOrSet));
        }
        return keys;
    }

    static VerificationKey parse(JsonNode jwk) {
        String kty = text(jwk, "kty");
        if (kty == null) {
            throw new JwtException("key_invalid", "JWK without kty");
        }
        String kid = text(jwk, "kid");
        String use = text(jwk, "use");
        String alg = text(jwk, "alg");
        List<String> keyOps = null;
        if (jwk.has("key_ops")) {
            keyOps = new ArrayList<>();
            for (JsonNode op : jwk.get("key_ops")) {
                keyOps.add(op.asText());
            }
        }
        return switch (kty) {
            case "oct" -> new VerificationKey(kty, kid, use, keyOps, alg, hmacKey(jwk), null);
            case "RSA" -> new VerificationKey(kty, kid, use, keyOps, alg, rsaKey(jwk), null);
            case "EC" -> new VerificationKey(kty, kid, use, keyOps, alg, ecKey(jwk), text(jwk, "crv"));
            case "OKP" -> new VerificationKey(kty, kid, use, keyOps, alg, edKey(jwk), text(jwk, "crv"));
            default -> throw new JwtException("key_invalid", "unsupported key type " + kty);
        };
    }

    private static Key hmacKey(JsonNode jwk) {
        byte[] k = bytes(jwk, "k");
        if (k.length == 0) {
            throw new JwtException("key_weak", "empty HMAC key");
        }
        return new SecretKeySpec(k, "HMAC");
    }

    private static Key rsaKey(JsonNode jwk) {
        BigInteger n = new BigInteger(1, bytes(jwk, "n"));
        BigInteger e = new BigInteger(1, bytes(jwk, "e"));
        if (n.bitLength() < 2048) {
            throw new JwtException("key_weak", "RSA key of " + n.bitLength() + " bits (2048 at least)");
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.bitLength() > 256 || e.compareTo(n) >= 0) {
            throw new JwtException("key_weak", "RSA public exponent is not sane");
        }
        if (Roca.isVulnerable(n)) {
            throw new JwtException("key_weak", "RSA key has the ROCA weakness (CVE-2017-15361)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new JwtException("key_invalid", "RSA key rejected by the platform");
        }
    }

    private static Key ecKey(JsonNode jwk) {
        String crv = text(jwk, "crv");
        if (crv == null || !CURVES.containsKey(crv)) {
            throw new JwtException("key_invalid", "unsupported EC curve " + crv);
        }
        byte[] xBytes = bytes(jwk, "x");
        byte[] yBytes = bytes(jwk, "y");
        if (xBytes.length != COORDINATE.get(crv) || yBytes.length != COORDINATE.get(crv)) {
            throw new JwtException("key_invalid", "EC coordinates of the wrong length for " + crv);
        }
        BigInteger x = new BigInteger(1, xBytes);
        BigInteger y = new BigInteger(1, yBytes);
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(CURVES.get(crv)));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
            BigInteger a = spec.getCurve().getA();
            BigInteger b = spec.getCurve().getB();
            boolean onCurve = x.compareTo(p) < 0
                    && y.compareTo(p) < 0
                    && y.multiply(y)
                            .mod(p)
                            .equals(x.pow(3).add(a.multiply(x)).add(b).mod(p));
            if (!onCurve) {
                throw new JwtException("key_invalid", "EC point is not on " + crv);
            }
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
        } catch (GeneralSecurityException ex) {
            throw new JwtException("key_invalid", "EC key rejected by the platform");
        }
    }

    private static Key edKey(JsonNode jwk) {
        if (!"Ed25519".equals(text(jwk, "crv"))) {
            throw new JwtException("key_invalid", "unsupported OKP curve " + text(jwk, "crv"));
        }
        byte[] x = bytes(jwk, "x");
        if (x.length != 32) {
            throw new JwtException("key_invalid", "Ed25519 key must be 32 bytes");
        }
        byte[] encoded = java.util.Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + 32);
        System.arraycopy(x, 0, encoded, ED25519_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException ex) {
            throw new JwtException("key_invalid", "Ed25519 key rejected by the platform");
        }
    }

    private static String text(JsonNode jwk, String member) {
        JsonNode value = jwk.get(member);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static byte[] bytes(JsonNode jwk, String member) {
        String text = text(jwk, member);
        byte[] bytes = text == null ? null : Base64Url.decode(text);
        if (bytes == null) {
            throw new JwtException("key_invalid", "JWK member " + member + " is missing or not base64url");
        }
        return bytes;
    }

    /** Whether the JWK lets itself be used to verify signatures with {@code algorithm}. */
    boolean allows(JwsAlgorithm algorithm) {
        if (!kty.equals(algorithm.keyType) || (alg != null && !alg.equals(algorithm.name()))) {
            return false;
        }
        if (use != null && !use.equals("sig")) {
            return false;
        }
        if (keyOps != null && !keyOps.contains("verify")) {
            return false;
        }
        if (algorithm == JwsAlgorithm.ES256 || algorithm == JwsAlgorithm.ES384 || algorithm == JwsAlgorithm.ES512) {
            return COORDINATE.get(curve) == algorithm.size;
        }
        return true;
    }
}
