package dev.devskyy.verify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;

/** Signs a JWS in compact serialization (RFC 7515 §5.1), for jwt issue: development and tests. */
final class JwsSigner {
    private JwsSigner() {}

    /**
     * {@code header.payload.signature}, the header being {@code {"alg":…,"typ":"JWT"}}; Jackson's
     * {@code toString} is its compact JSON.
     */
    static String sign(ObjectNode claims, JwsAlgorithm alg, Key key) {
        ObjectNode header =
                JsonNodeFactory.instance.objectNode().put("alg", alg.name()).put("typ", "JWT");
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String input = base64url.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + base64url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] signature;
            if (alg.keyType.equals("oct")) {
                Mac mac = Mac.getInstance(alg.jcaName);
                mac.init(key);
                signature = mac.doFinal(bytes);
            } else {
                Signature signer = alg.signature();
                signer.initSign((PrivateKey) key);
                signer.update(bytes);
                signature = signer.sign();
            }
            return input + "." + base64url.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new JwtException("key_invalid", "cannot sign with this key: " + e.getMessage());
        }
    }
}
