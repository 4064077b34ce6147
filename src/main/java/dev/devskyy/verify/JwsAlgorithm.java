package dev.devskyy.verify;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/** The JWS algorithms devskyy verifies (RFC 7518 §3, RFC 8037); never "none". */
enum JwsAlgorithm {
    HS256("oct", "HmacSHA256", 32),
    HS384("oct", "HmacSHA384", 48),
    HS512("oct", "HmacSHA512", 64),
    RS256("RSA", "SHA256withRSA", 32),
    RS384("RSA", "SHA384withRSA", 48),
    RS512("RSA", "SHA512withRSA", 64),
    PS256("RSA", "RSASSA-PSS", 32),
    PS384("RSA", "RSASSA-PSS", 48),
    PS512("RSA", "RSASSA-PSS", 64),
    ES256("EC", "SHA256withECDSAinP1363Format", 32),
    ES384("EC", "SHA384withECDSAinP1363Format", 48),
    ES512("EC", "SHA512withECDSAinP1363Format", 66),
    EdDSA("OKP", "Ed25519", 32);

    /** The JWK key type it needs. */
    final String keyType;

    final String jcaName;
    /** HMAC and hash output bytes; for ECDSA the size of one signature coordinate. */
    final int size;

    JwsAlgorithm(String keyType, String jcaName, int size) {
        this.keyType = keyType;
        this.jcaName = jcaName;
        this.size = size;
    }

    static Optional<JwsAlgorithm> parse(String name) {
        for (JwsAlgorithm alg : values()) {
            if (alg.name().equals(name)) {
                return Optional.of(alg);
            }
        }
        return Optional.empty();
    }

    /** The hash of RSA-PSS and the curve size class of ECDSA, by name. */
    String hash() {
        return switch (this) {
            case HS256, RS256, PS256, ES256 -> "SHA-256";
            case HS384, RS384, PS384, ES384 -> "SHA-384";
            case HS512, RS512, PS512, ES512 -> "SHA-512";
            case EdDSA -> "SHA-512";
        };
    }

    /** A JCA signature engine for the asymmetric algorithms, RSA-PSS parameters set (RFC 7518 §3.5). */
    Signature signature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        if (jcaName.equals("RSASSA-PSS")) {
            signature.setParameter(new PSSParameterSpec(hash(), "MGF1", new MGF1ParameterSpec(hash()), size, 1));
        }
        return signature;
    }
}
