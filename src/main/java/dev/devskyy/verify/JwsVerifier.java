package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a JWS in compact serialization (RFC 7515) the way RFC 8725 asks: the algorithm comes
 * from the key or the caller's allowlist, never from the token alone; "none", keys embedded in
 * the header and unknown critical extensions are refused; base64url is strict; ECDSA signatures
 * are R‖S of the curve's size with R and S in range.
 */
public final class JwsVerifier {
    static final int MAX_TOKEN_CHARS = 256 * 1024;

    /** A verified token: its header, payload and the key and algorithm that verified it. */
    public record Verified(JsonNode header, byte[] payload, String algorithm, String kid) {}

    private JwsVerifier() {}

    /**
     * @param allowed algorithms the caller allows; empty means only what each key's {@code alg} names
     * @throws JwtException with a reason code when the token does not verify
     */
    static Verified verify(String token, List<VerificationKey> keys, Set<JwsAlgorithm> allowed) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new JwtException("token_too_large", "token longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("malformed", "a JWS has exactly three parts, this has " + parts.length);
        }
        JsonNode header = header(parts[0]);
        JwsAlgorithm alg = algorithm(header);
        checkCritical(header);
        VerificationKey key = select(header, alg, keys, allowed);
        byte[] payload = Base64Url.decode(parts[1]);
        byte[] signature = Base64Url.decode(parts[2]);
        if (payload == null || signature == null) {
            throw new JwtException("malformed", "payload or signature is not strict base64url");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!signatureValid(alg, key, signingInput, signature)) {
            throw new JwtException("bad_signature", "the signature does not verify");
        }
        return new Verified(header, payload, alg.name(), key.kid());
    }

    private static JsonNode header(String encoded) {
        byte[] bytes = Base64Url.decode(encoded);
        if (bytes == null) {
            throw new JwtException("malformed", "header is not strict base64url");
        }
        JsonNode header = StrictJson.parse(bytes);
        if (header == null || !header.isObject()) {
            throw new JwtException("malformed", "header is not a JSON object");
        }
        return header;
    }

    private static JwsAlgorithm algorithm(JsonNode header) {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new JwtException("malformed", "header has no alg");
        }
        if ("none".equalsIgnoreCase(alg.asText())) {
            throw new JwtException("alg_none", "unsigned tokens (alg none) are never accepted");
        }
        return JwsAlgorithm.parse(alg.asText())
                .orElseThrow(() -> new JwtException("alg_unsupported", "unsupported algorithm " + alg.asText()));
    }

    /** RFC 7515 §4.1.11: an extension the verifier does not understand makes the token invalid. */
    private static void checkCritical(JsonNode header) {
        JsonNode b64 = header.get("b64");
        if (b64 != null && !(b64.isBoolean() && b64.asBoolean())) {
            throw new JwtException("crit_unsupported", "unencoded payloads (b64) are not supported");
        }
        JsonNode crit = header.get("crit");
        if (crit != null) {
            throw new JwtException("crit_unsupported", "critical header extensions are not supported: " + crit);
        }
    }

    /** The one key that may verify this token, chosen by the caller's keys — never by the header's. */
    private static VerificationKey select(
            JsonNode header, JwsAlgorithm alg, List<VerificationKey> keys, Set<JwsAlgorithm> allowed) {
        if (!allowed.isEmpty() && !allowed.contains(alg)) {
            throw new JwtException("alg_not_allowed", "algorithm " + alg + " is not in the allowlist");
        }
        boolean symmetric = keys.stream().anyMatch(k -> k.kty().equals("oct"));
        boolean asymmetric = keys.stream().anyMatch(k -> !k.kty().equals("oct"));
        if (symmetric && asymmetric) {
            throw new JwtException("key_set_mixed", "the key set mixes secret and public keys");
        }
        JsonNode kid = header.get("kid");
        List<VerificationKey> candidates = keys.stream()
                .filter(k -> k.allows(alg))
                .filter(k -> !allowed.isEmpty() || alg.name().equals(k.alg()))
                .filter(k -> kid == null || kid.asText().equals(k.kid()))
                .toList();
        if (candidates.isEmpty()) {
            throw new JwtException(
                    kid == null ? "alg_not_allowed" : "kid_unknown",
                    kid == null ? "no key allows " + alg : "no key with kid " + kid + " allows " + alg);
        }
        if (candidates.size() > 1) {
            throw new JwtException("key_ambiguous", "more than one key could verify this token");
        }
        return candidates.get(0);
    }

    static boolean signatureValid(JwsAlgorithm alg, VerificationKey key, byte[] input, byte[] signature) {
        try {
            switch (alg.keyType) {
                case "oct" -> {
                    byte[] secret = ((SecretKey) key.key()).getEncoded();
                    if (secret.length < alg.size) {
                        throw new JwtException("key_weak", "HMAC key shorter than the " + alg + " hash");
                    }
                    Mac mac = Mac.getInstance(alg.jcaName);
                    mac.init(new SecretKeySpec(secret, alg.jcaName));
                    return MessageDigest.isEqual(mac.doFinal(input), signature);
                }
                case "RSA" -> {
                    if (signature.length
                            != (((RSAPublicKey) key.key()).getModulus().bitLength() + 7) / 8) {
                        return false;
                    }
                    Signature verifier = alg.signature();
                    verifier.initVerify((RSAPublicKey) key.key());
                    verifier.update(input);
                    return verifier.verify(signature);
                }
                case "EC" -> {
                    if (signature.length != 2 * alg.size || !inRange((ECPublicKey) key.key(), signature, alg.size)) {
                        return false;
                    }
                    Signature verifier = alg.signature();
                    verifier.initVerify((ECPublicKey) key.key());
                    verifier.update(input);
                    return verifier.verify(signature);
                }
                default -> {
                    if (signature.length != 64) {
                        return false;
                    }
                    Signature verifier = alg.signature();
                    verifier.initVerify((java.security.PublicKey) key.key());
                    verifier.update(input);
                    return verifier.verify(signature);
                }
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** ECDSA's R and S must both lie in [1, n − 1]. */
    private static boolean inRange(ECPublicKey key, byte[] signature, int size) {
        BigInteger n = key.getParams().getOrder();
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, size));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, size, 2 * size));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(n) < 0 && s.compareTo(n) < 0;
    }
}
