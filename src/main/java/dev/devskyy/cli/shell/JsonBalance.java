package dev.devskyy.cli.shell;

/** How many JSON objects and arrays a line leaves open, outside strings: a {@code {} opens until balanced. */
final class JsonBalance {
    private JsonBalance() {}

    /** Open brackets still to be closed; 0 when balanced or when the line has none. */
    static int open(CharSequence line) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"' && depth > 0) {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return depth;
    }
}
