package dev.devskyy.io;

/**
 * Text from outside (a file name, a line of a scanned file) made safe to print to a person: control
 * characters (NUL, line breaks, the escape that starts a terminal sequence; a tab stays a tab) and
 * invisible ones (bidi overrides, zero-width characters) are shown as escapes, so a crafted name can
 * neither forge report lines nor drive the terminal.
 */
public final class Printable {
    private Printable() {}

    /** {@code text} with control characters escaped, cut after {@code maxChars} with an ellipsis. */
    public static String of(String text, int maxChars) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= maxChars) {
                return out.append('…').toString();
            }
            char c = text.charAt(i);
            if (c == 0) {
                out.append("\\0");
            } else if ((Character.isISOControl(c) && c != '\t') || isInvisible(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Characters that change how a line reads without showing: bidi overrides and isolates (a
     * "Trojan Source" line reads in another order), zero-width characters, the byte-order mark,
     * and the line and paragraph separators some terminals and editors break lines at.
     */
    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@code text} with control characters escaped, whatever its length. */
    public static String of(String text) {
        return of(text, Integer.MAX_VALUE);
    }
}
