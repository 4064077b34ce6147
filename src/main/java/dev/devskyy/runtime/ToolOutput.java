package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a tool hands back on success: a text for readers that see only text, and the structured
 * value that must match the tool's output schema.
 */
public record ToolOutput(String text, ObjectNode structured) {
    public ToolOutput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(structured, "structured");
    }
}
