package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Where a JSON text given on the command line is broken. The parser's own message quotes the
 * offending token, which may be plaintext or a secret (a --fields document, --args-json): only
 * the place is shown.
 */
final class JsonLocation {
    private JsonLocation() {}

    static String of(JsonProcessingException e) {
        return e.getLocation() == null
                ? "at an unknown place"
                : "at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }
}
