package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ResourceSpec;
import dev.devskyy.runtime.ToolServer;
import java.util.concurrent.CompletableFuture;

/**
 * {@code resources/list}, {@code resources/templates/list} and {@code resources/read}. No resource
 * is a file of the user's, so none needs a filesystem permission; the caller's grants are read as
 * the actor the request names, exactly as a tool call would run, and cached only for that caller.
 */
final class Resources {
    /** Longer URIs are no URI of ours; only this much is echoed back. */
    static final int MAX_URI_CHARS = 2048;

    private static final int ECHOED_CHARS = 256;

    private final Calls calls;
    private final SessionTools tools;
    private final CompletableFuture<ToolServer.Options> options;

    Resources(Calls calls, SessionTools tools, CompletableFuture<ToolServer.Options> options) {
        this.calls = calls;
        this.tools = tools;
        this.options = options;
    }

    void list(Request request) {
        calls.submit(request, call -> {
            if (SinglePage.refusedCursor(request)) {
                return;
            }
            ObjectNode result = Json.object();
            ArrayNode resources = result.putArray("resources");
            tools.resources().list().forEach(resource -> resources.add(resource.listing()));
            request.respondCacheable(result, CachePolicy.BUILD);
        });
    }

    void templates(Request request) {
        calls.submit(request, call -> {
            if (SinglePage.refusedCursor(request)) {
                return;
            }
            ObjectNode result = Json.object();
            result.putArray("resourceTemplates").addAll(tools.resources().templates());
            request.respondCacheable(result, CachePolicy.BUILD);
        });
    }

    /** An unknown URI is -32602 with {@code data.uri}, never an empty result. */
    void read(Request request) {
        JsonNode uri = request.params().get("uri");
        JsonNode actor = request.params().path("_meta").get(ToolCalls.META_ACTOR);
        if (uri == null || !uri.isTextual()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: uri is required");
            return;
        }
        if (actor != null && !actor.isTextual()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: malformed _meta");
            return;
        }
        String actorName = actor == null ? null : actor.textValue();
        if (!request.peer().mayActAs(actorName)) {
            request.fail(JsonRpc.INVALID_PARAMS, ToolCalls.NOT_THE_TOKENS_ACTOR);
            return;
        }
        String text = uri.textValue();
        if (text.length() > MAX_URI_CHARS) {
            request.fail(
                    JsonRpc.INVALID_PARAMS,
                    "Invalid params: uri longer than " + MAX_URI_CHARS + " characters",
                    notFound(text.substring(0, text.offsetByCodePoints(0, ECHOED_CHARS))));
            return;
        }
        calls.submit(request, call -> {
            ResourceSpec resource = tools.resources().find(text).orElse(null);
            if (resource == null) {
                request.fail(JsonRpc.INVALID_PARAMS, "Resource not found", notFound(text));
                return;
            }
            Caller caller =
                    request.peer().callerFor(actorName, () -> options.join().caller());
            ObjectNode result = Json.object();
            ObjectNode contents = result.putArray("contents").addObject();
            contents.put("uri", resource.uri());
            contents.put("mimeType", resource.mimeType());
            contents.put("text", resource.reader().read(caller));
            if (resource.perCaller()) {
                request.respondCacheable(result, CachePolicy.CALLER);
            } else {
                request.respondCacheable(result, CachePolicy.BUILD);
            }
        });
    }

    private static ObjectNode notFound(String uri) {
        ObjectNode data = Json.object();
        data.put("uri", uri);
        return data;
    }
}
