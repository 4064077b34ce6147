package dev.devskyy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.PromptSpec;
import dev.devskyy.runtime.ResourceCatalogue;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The prompts name real things: every `word_with_underscores` in their text is a tool, one of the
 * prompt's arguments or a tool's input property, and every devskyy:// URI is a listed resource.
 */
class PromptCatalogueTest {
    private static final Pattern QUOTED_NAME = Pattern.compile("`([a-z][a-z0-9]*(_[a-z0-9]+)+)`");
    private static final Pattern TOOL_CALL = Pattern.compile("devskyy tool `([a-z0-9_]+)`");
    private static final Pattern URI = Pattern.compile("devskyy://[a-z0-9/-]+");

    private final ToolRegistry registry = ToolCatalogue.registry(Map.of());

    @Test
    void theTaskPromptsAreListedByName() {
        assertThat(registry.prompts().stream().map(PromptSpec::name))
                .containsExactly(
                        "agent_analytics",
                        "agent_commerce",
                        "agent_creative",
                        "agent_marketing",
                        "agent_operations",
                        "agent_support",
                        "review_csp",
                        "rotate_keys",
                        "triage_scan");
    }

    @Test
    void everyNameInAPromptIsATool_anArgument_orAToolsProperty() {
        Set<String> tools = new HashSet<>();
        Set<String> properties = new HashSet<>();
        for (ToolSpec tool : registry.list()) {
            tools.add(tool.name());
            tool.inputSchema().path("properties").fieldNames().forEachRemaining(properties::add);
        }
        for (PromptSpec prompt : registry.prompts()) {
            List<String> arguments =
                    prompt.arguments().stream().map(PromptSpec.Argument::name).toList();
            Matcher quoted = QUOTED_NAME.matcher(prompt.instructions());
            while (quoted.find()) {
                String name = quoted.group(1);
                assertThat(tools.contains(name) || arguments.contains(name) || properties.contains(name))
                        .as("%s names `%s`", prompt.name(), name)
                        .isTrue();
            }
            Matcher call = TOOL_CALL.matcher(prompt.instructions());
            assertThat(call.find())
                    .as("%s tells which tool to call", prompt.name())
                    .isTrue();
            do {
                assertThat(tools).as(prompt.name()).contains(call.group(1));
            } while (call.find());
        }
    }

    @Test
    void everyResourceAPromptPointsToIsListed() {
        ResourceCatalogue resources = ResourceCatalogue.of(registry);
        for (PromptSpec prompt : registry.prompts()) {
            Matcher uri = URI.matcher(prompt.instructions());
            while (uri.find()) {
                assertThat(resources.find(uri.group()))
                        .as(prompt.name() + " " + uri.group())
                        .isPresent();
            }
        }
    }

    @Test
    void everyArgumentIsDescribed() {
        for (PromptSpec prompt : registry.prompts()) {
            for (PromptSpec.Argument argument : prompt.arguments()) {
                assertThat(argument.description())
                        .as(prompt.name() + "." + argument.name())
                        .hasSizeGreaterThan(10);
            }
            JsonNode listing = prompt.listing();
            assertThat(listing.get("arguments")).hasSize(prompt.arguments().size());
        }
    }
}
