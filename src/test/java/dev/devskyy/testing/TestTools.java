package dev.devskyy.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolHandler;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;

/** Small tools for tests of the runtime and the faces. */
public final class TestTools {
    private TestTools() {}

    /** {@code {"message": string, "times"?: integer}} → {@code {"echo": string}}. */
    public static ObjectNode echoInput() {
        return schema("""
                {"type":"object","additionalProperties":false,"required":["message"],
                 "properties":{"message":{"type":"string"},"times":{"type":"integer","minimum":1}}}
                """);
    }

    public static ObjectNode echoOutput() {
        return schema("""
                {"type":"object","required":["echo"],"properties":{"echo":{"type":"string"}}}
                """);
    }

    /** A builder for a tool named {@code name} with the echo schemas and the given body. */
    public static ToolSpec.Builder tool(String name, ToolHandler handler) {
        return ToolSpec.builder(name)
                .version("1.0.0")
                .title("Test tool " + name)
                .description("A tool for tests.")
                .inputSchema(echoInput())
                .outputSchema(echoOutput())
                .handler(handler);
    }

    /** The echo body: repeats the message {@code times} times. */
    public static ToolHandler echo() {
        return (args, context) -> {
            String echo = args.get("message").asText().repeat(args.path("times").asInt(1));
            ObjectNode out = Json.object();
            out.put("echo", echo);
            return new ToolOutput(echo, out);
        };
    }

    public static ObjectNode schema(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ObjectNode args(String json) {
        return schema(json);
    }
}
