package dev.devskyy.cli.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits lines as a POSIX shell would, and keeps a line open while a JSON argument is: a {@code {}
 * (or {@code [}) opened on it asks for more lines until it is balanced. A JSON line is split
 * without the shell's quote rules, since its quotes and apostrophes are JSON's.
 */
final class ShellParser extends DefaultParser {
    ShellParser() {
        escapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (line.indexOf('{') >= 0 || line.indexOf('[') >= 0) {
            if (context == ParseContext.ACCEPT_LINE && JsonBalance.open(line) > 0) {
                throw new EOFError(-1, -1, "JSON still open", "json");
            }
            return super.parse(line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.SPLIT_LINE : context);
        }
        return super.parse(line, cursor, context);
    }
}
