package dev.devskyy.cli.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.cli.SecretArguments;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A typed line as the history may keep it: every value that may be secret becomes {@value #MASK}.
 * Secret are the values of the CLI's secret options and whatever follows or is attached to an
 * option no command knows (as in usage errors, {@link SecretArguments}); tool arguments the tool's
 * schema marks {@code writeOnly}; and, in {@code key=value} words and JSON objects, the value of
 * any key whose name says secret (password, key, token…). Over-hiding costs a re-typed value;
 * under-hiding would leave a secret on disk.
 */
final class HistoryRedaction {
    static final String MASK = "***";
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(pass|secret|key|token|credential|private|pin|auth|cookie|session).*");

    private final CommandLine cli;
    private final ToolRegistry tools;

    HistoryRedaction(CommandLine cli, ToolRegistry tools) {
        this.cli = cli;
        this.tools = tools;
    }

    /** The line to store, given the command it was read as. */
    String redact(ShellLine line) {
        Optional<ToolSpec> tool = line.tool().flatMap(tools::find);
        List<String> out = new ArrayList<>();
        if (line.json() != null) {
            out.addAll(line.words());
            out.add(json(line.json(), tool));
            return String.join(" ", out);
        }
        String[] masked = SecretArguments.masked(cli, line.words().toArray(String[]::new), MASK);
        for (String word : masked) {
            out.add(keyValue(word, tool));
        }
        return String.join(" ", out);
    }

    private String keyValue(String word, Optional<ToolSpec> tool) {
        if (word.startsWith("{") || word.startsWith("[")) {
            return json(word, tool);
        }
        int equals = word.indexOf('=');
        if (equals <= 0) {
            return word;
        }
        String key = word.substring(0, equals).replaceFirst("^-+", "");
        return isSecret(key, tool) ? word.substring(0, equals + 1) + MASK : word;
    }

    private String json(String text, Optional<ToolSpec> tool) {
        try {
            JsonNode node = Json.parse(text);
            hide(node, tool);
            return Json.compact(node);
        } catch (JsonProcessingException | RuntimeException e) {
            // what cannot be read cannot be judged: none of it is kept
            return "{" + MASK + "}";
        }
    }

    private void hide(JsonNode node, Optional<ToolSpec> tool) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (isSecret(name, tool)) {
                    object.set(name, TextNode.valueOf(MASK));
                } else {
                    // nested names are judged by their own name; the schema speaks for the top level only
                    hide(object.get(name), Optional.empty());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> hide(element, Optional.empty()));
        }
    }

    /** A name that says secret, or an argument the tool's schema marks {@code writeOnly}. */
    boolean isSecret(String name, Optional<ToolSpec> tool) {
        if (SECRET_NAME.matcher(name).matches()) {
            return true;
        }
        return tool.map(spec -> spec.inputSchema()
                        .path("properties")
                        .path(name)
                        .path("writeOnly")
                        .asBoolean(false))
                .orElse(false);
    }
}
