package dev.devskyy.verify;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * bench/jwt.sh: verifications per second, warm, for HS256, RS256 and ES256 — devskyy against
 * nimbus-jose-jwt and jose4j, each doing the same work: parse, check the signature with an
 * algorithm fixed by the verifier, then check exp, iss and aud. Not a test; run by the script.
 */
public final class JwtBench {
    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "api";

    /** One contender's verification of one token; returns something derived from the claims. */
    interface Verification {
        Object verify() throws Exception;
    }

    private JwtBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        System.out.printf(
                "JWT verifications per second, one thread, warm (median of 5 interleaved rounds of %.1f s after %.1f s warm-up), %s%n",
                seconds, 2 * seconds, Runtime.version());
        System.out.printf("  %-6s %12s %12s %12s   devskyy/nimbus%n", "alg", "devskyy", "nimbus", "jose4j");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        row(
                "HS256",
                JWSAlgorithm.HS256,
                new MACSigner(secret),
                new MACVerifier(secret),
                JwtKeys.secret(secret),
                new HmacKey(secret),
                seconds);
        row(
                "RS256",
                JWSAlgorithm.RS256,
                new RSASSASigner(rsa),
                new RSASSAVerifier(rsa.toPublicJWK()),
                jwk(rsa),
                rsa.toRSAPublicKey(),
                seconds);
        row(
                "ES256",
                JWSAlgorithm.ES256,
                new ECDSASigner(ec),
                new ECDSAVerifier(ec.toPublicJWK()),
                jwk(ec),
                ec.toECPublicKey(),
                seconds);
    }

    private static VerificationKey jwk(JWK key) throws Exception {
        return VerificationKey.parse(
                JsonMapper.builder().build().readTree(key.toPublicJWK().toJSONString()));
    }

    private static void row(
            String alg,
            JWSAlgorithm nimbusAlg,
            JWSSigner signer,
            JWSVerifier nimbusVerifier,
            VerificationKey devskyyKey,
            Key jose4jKey,
            double seconds)
            throws Exception {
        String token = token(nimbusAlg, signer);
        JwtPolicy policy = new JwtPolicy(
                Set.of(alg),
                ISSUER,
                AUDIENCE,
                null,
                List.of(),
                Duration.ofSeconds(60),
                null,
                Set.of(),
                true,
                null,
                Instant.now());
        List<VerificationKey> keys = List.of(devskyyKey);
        Verification devskyy = () -> {
            JwtVerifier.Result result = JwtVerifier.verify(token, keys, policy);
            if (!result.valid()) {
                throw new IllegalStateException("devskyy: " + result.failures());
            }
            return result.claims();
        };
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                AUDIENCE, new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp"));
        Verification nimbus = () -> {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.getHeader().getAlgorithm().equals(nimbusAlg) || !jwt.verify(nimbusVerifier)) {
                throw new IllegalStateException("nimbus: signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            claimsVerifier.verify(claims, null);
            return claims;
        };
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setVerificationKey(jose4jKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .build();
        Verification jose4j = () -> consumer.processToClaims(token);
        double[] rates = rates(List.of(devskyy, nimbus, jose4j), seconds);
        double d = rates[0];
        double n = rates[1];
        double j = rates[2];
        System.out.printf("  %-6s %12.0f %12.0f %12.0f   %.2f×%n", alg, d, n, j, d / n);
    }

    private static String token(JWSAlgorithm alg, JWSSigner signer) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("user-42")
                .jwtID("jti-1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("roles", List.of("customer"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /**
     * Warms every contender up, then times five rounds of each, taking turns so that none gains
     * from running later (the JDK's crypto code they share keeps warming); medians, per second.
     */
    private static double[] rates(List<Verification> contenders, double seconds) throws Exception {
        for (Verification contender : contenders) {
            run(contender, 2 * seconds);
        }
        double[][] rounds = new double[contenders.size()][5];
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                rounds[i][round] = run(contenders.get(i), seconds);
            }
        }
        double[] medians = new double[contenders.size()];
        for (int i = 0; i < medians.length; i++) {
            Arrays.sort(rounds[i]);
            medians[i] = rounds[i][2];
        }
        return medians;
    }

    private static int sink;

    private static double run(Verification verification, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink += System.identityHashCode(verification.verify());
            }
            count += 64;
            now = System.nanoTime();
        } while (now < deadline);
        return count / ((now - start) / 1e9);
    }
}
