package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The prompt and resource listings fit in one page, so no cursor is ever issued: a request that
 * brings one is answered as an invalid cursor, as the specification asks.
 */
final class SinglePage {
    private SinglePage() {}

    /** @return whether the request was refused (and answered) for its cursor */
    static boolean refusedCursor(Request request) {
        JsonNode cursor = request.params().get("cursor");
        if (cursor == null || cursor.isNull()) {
            return false;
        }
        request.fail(
                JsonRpc.INVALID_PARAMS,
                cursor.isTextual() ? "Invalid params: unknown cursor" : "Invalid params: cursor must be a string");
        return true;
    }
}
