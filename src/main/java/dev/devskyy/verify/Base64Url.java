package dev.devskyy.verify;

import java.util.Base64;

/**
 * base64url as RFC 7515 §2 requires it in a JWS: the URL-safe alphabet, no padding, no white
 * space, and a canonical last character (its unused bits zero), so one value has one encoding.
 */
final class Base64Url {
    private Base64Url() {}

    /** The bytes, or null when the text is not strict base64url. */
    static byte[] decode(String text) {
        int tail = text.length() % 4;
        if (tail == 1) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!alphabet) {
                return null;
            }
        }
        if (tail != 0) {
            int last = value(text.charAt(text.length() - 1));
            int unusedBits = tail == 2 ? 0x0F : 0x03;
            if ((last & unusedBits) != 0) {
                return null;
            }
        }
        return Base64.getUrlDecoder().decode(text);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
