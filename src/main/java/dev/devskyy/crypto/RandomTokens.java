package dev.devskyy.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Random secrets from the operating system's CSPRNG, as Python's {@code secrets.token_*} make them. */
public final class RandomTokens {
    /** How the random bytes are written. */
    public enum Encoding {
        BASE64URL,
        HEX;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Encoding parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {}

    /** {@code bytes} random bytes, base64url without padding or lower-case hex. */
    public static String token(int bytes, Encoding encoding) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return encoding == Encoding.HEX
                ? HexFormat.of().formatHex(random)
                : Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
