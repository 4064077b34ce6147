package dev.devskyy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/** What a candidate secret must also pass besides its rule's regex. */
final class SecretChecks {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SecretChecks() {}

    /** c · log2(c) for the counts a secret of up to 1024 characters can have. */
    private static final double[] C_LOG_C = new double[1025];

    static {
        for (int c = 1; c < C_LOG_C.length; c++) {
            C_LOG_C[c] = c * (Math.log(c) / Math.log(2));
        }
    }

    /**
     * Shannon entropy in bits per character: log2(n) − Σ c·log2(c) / n over the character counts.
     * Runs on every candidate a keyword line yields, so it counts into a small table and looks the
     * logarithms up.
     */
    static double entropy(CharSequence text) {
        int n = text.length();
        if (n == 0) {
            return 0;
        }
        if (n >= C_LOG_C.length) {
            return entropy(text.subSequence(0, C_LOG_C.length - 1));
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double sum = C_LOG_C[other];
        for (int count : counts) {
            sum += C_LOG_C[count];
        }
        return C_LOG_C[n] / n - sum / n;
    }

    static boolean passes(Rule.Validator validator, String secret) {
        return switch (validator) {
            case TOKEN_CHECKSUM -> hasValidChecksum(secret);
            case JWT -> hasJoseHeader(secret);
        };
    }

    /**
     * GitHub's {@code ghp_…} family and npm's {@code npm_…}: after the prefix, 30 base62 characters
     * and then the CRC32 of those 30, in 6 base62 digits. A random look-alike passes 1 time in 2³².
     */
    static boolean hasValidChecksum(String token) {
        int underscore = token.lastIndexOf('_');
        String body = token.substring(underscore + 1);
        if (body.length() != 36) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(body.substring(0, 30).getBytes(StandardCharsets.US_ASCII));
        return base62(crc.getValue(), 6).equals(body.substring(30));
    }

    static String base62(long value, int width) {
        char[] digits = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }

    /** The first segment is base64url of a JSON object with an "alg" member. */
    static boolean hasJoseHeader(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            JsonNode node = Json.files().readTree(header);
            return node != null && node.isObject() && node.path("alg").isTextual();
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
