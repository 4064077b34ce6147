package dev.devskyy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
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
            case LOOKS_RANDOM -> !Wordiness.readsAsWords(secret) && !Wordiness.isBase64OfText(secret);
        };
    }

    private static final String[] KEYBOARD_ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    private static final int FAKE_RUN = 6;
    private static final int FAKE_MAX = 128;

    /**
     * What people type when they need something secret-shaped: a block repeated
     * ({@code abcdabcd…}, {@code abc123abc123}), a run of consecutive characters
     * ({@code 123456…}, {@code abcdef…}, also every second character: {@code a1b2c3…}), a keyboard
     * row, or mostly runs of one character ({@code aaaaBBBBcccc}). A random token of base62 holds
     * six consecutive characters about once in a billion positions, so real keys pass. Fakes are
     * typed, so short: a value longer than {@value #FAKE_MAX} characters (a PEM body, a JWT) is
     * generated and not looked at, which also keeps a random one from failing by chance.
     */
    static boolean looksFake(String secret) {
        int n = secret.length();
        if (n < 8 || n > FAKE_MAX) {
            return false;
        }
        return isPeriodic(secret)
                || hasConsecutiveRun(secret, 1)
                || hasConsecutiveRun(secret, 2)
                || hasKeyboardRun(secret)
                || mostlySameCharacterRuns(secret);
    }

    /**
     * The text is a block repeated (the last copy may be cut): its shortest period, n minus the
     * longest proper prefix that is also a suffix (KMP's failure function), is at most n/2. Linear,
     * so a long crafted secret costs no more than reading it.
     */
    private static boolean isPeriodic(String s) {
        int n = s.length();
        int[] border = new int[n];
        for (int i = 1; i < n; i++) {
            int k = border[i - 1];
            while (k > 0 && s.charAt(i) != s.charAt(k)) {
                k = border[k - 1];
            }
            border[i] = s.charAt(i) == s.charAt(k) ? k + 1 : 0;
        }
        return n - border[n - 1] <= n / 2;
    }

    private static boolean hasConsecutiveRun(String s, int step) {
        for (int start = 0; start < step; start++) {
            int run = 1;
            for (int i = start + step; i < s.length(); i += step) {
                run = Character.toLowerCase(s.charAt(i)) - Character.toLowerCase(s.charAt(i - step)) == 1 ? run + 1 : 1;
                if (run >= FAKE_RUN) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasKeyboardRun(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (String row : KEYBOARD_ROWS) {
            for (int i = 0; i + FAKE_RUN <= row.length(); i++) {
                if (lower.contains(row.substring(i, i + FAKE_RUN))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** At least half the characters stand in runs of three or more of the same character. */
    private static boolean mostlySameCharacterRuns(String s) {
        int inRuns = 0;
        int i = 0;
        while (i < s.length()) {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) == s.charAt(i)) {
                j++;
            }
            if (j - i >= 3) {
                inRuns += j - i;
            }
            i = j;
        }
        return inRuns * 2 >= s.length();
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
