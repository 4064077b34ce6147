package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error taxonomy as a document, made from {@link ErrorCode} itself so it can never drift. */
final class ErrorCatalogue {
    private ErrorCatalogue() {}

    static String json() {
        ObjectNode document = Json.object();
        ArrayNode codes = document.putArray("codes");
        for (ErrorCode code : ErrorCode.values()) {
            ObjectNode entry = codes.addObject();
            entry.put("code", code.name());
            entry.put("name", code.title());
            entry.put("who_fixes_it", whoFixes(code));
            entry.put("retryable_by_default", code.retryableByDefault());
        }
        document.put("details", ResourceSpec.SCHEME + "docs/errors");
        return Json.compact(document);
    }

    /** The class of a code is its first digit (docs/errors.md). */
    private static String whoFixes(ErrorCode code) {
        return switch (code.name().charAt(1)) {
            case '4' -> "caller";
            case '5' -> "devskyy";
            default -> "outside";
        };
    }
}
