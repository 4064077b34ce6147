package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.PromptSpec;
import dev.devskyy.runtime.ToolError;
import java.util.regex.Pattern;

/**
 * {@code prompts/list} and {@code prompts/get}: the task prompts the capabilities registered, on
 * the pool (the first waits for the registry to load). The prompts are built into devskyy, so a
 * listing is the same for everyone until the server is upgraded.
 */
final class Prompts {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Calls calls;
    private final SessionTools tools;

    Prompts(Calls calls, SessionTools tools) {
        this.calls = calls;
        this.tools = tools;
    }

    void list(Request request) {
        calls.submit(request, call -> {
            if (SinglePage.refusedCursor(request)) {
                return;
            }
            ObjectNode result = Json.object();
            ArrayNode prompts = result.putArray("prompts");
            tools.runtime().registry().prompts().forEach(prompt -> prompts.add(prompt.listing()));
            request.respondCacheable(result, CachePolicy.BUILD);
        });
    }

    /** Unknown prompt, missing or bad arguments: -32602, with what to fix. */
    void get(Request request) {
        JsonNode name = request.params().get("name");
        if (name == null || !name.isTextual()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: name is required");
            return;
        }
        calls.submit(request, call -> {
            PromptSpec prompt = tools.runtime().registry().prompts().stream()
                    .filter(p -> p.name().equals(name.textValue()))
                    .findFirst()
                    .orElse(null);
            if (prompt == null) {
                // Echoed only when it could be a name: it may be anything, of any length.
                String shown = NAME.matcher(name.textValue()).matches() ? ": " + name.textValue() : "";
                request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: unknown prompt" + shown);
                return;
            }
            String text;
            try {
                text = prompt.render(request.params().get("arguments"));
            } catch (ToolError e) {
                request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: " + e.getMessage(), e.toJson());
                return;
            }
            ObjectNode result = Json.object();
            result.put("description", prompt.description());
            ObjectNode message = result.putArray("messages").addObject();
            message.put("role", "user");
            ObjectNode content = message.putObject("content");
            content.put("type", "text");
            content.put("text", text);
            request.respond(result);
        });
    }
}
