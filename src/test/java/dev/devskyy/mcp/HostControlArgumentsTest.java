package dev.devskyy.mcp;

import static dev.devskyy.testing.TestTools.args;
import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.schema;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.ToolSpec;
import org.junit.jupiter.api.Test;

/**
 * What is removed from a call's arguments as a host's own control key, and what never is. The
 * wire behaviour is in transcripts/host-control-arguments.txt.
 */
class HostControlArgumentsTest {
    private static final ToolSpec ECHO = tool("echo", echo()).build();

    @Test
    void geminisSchedulingFlagIsRemovedAndNothingElse() {
        JsonNode sent = args("{\"message\":\"hi\",\"wait_for_previous\":true,\"times\":2}");

        JsonNode stripped = HostControlArguments.strip(sent, ECHO);

        assertThat(stripped).isEqualTo(args("{\"message\":\"hi\",\"times\":2}"));
        assertThat(sent.has("wait_for_previous"))
                .as("the request itself is left as it came")
                .isTrue();
    }

    @Test
    void aToolThatDeclaresThePropertyGetsItAsSent() {
        ToolSpec scheduler = tool("scheduler", echo()).inputSchema(schema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{"wait_for_previous":{"type":"boolean"}}}
                        """)).build();
        JsonNode sent = args("{\"wait_for_previous\":true}");

        assertThat(HostControlArguments.strip(sent, scheduler)).isSameAs(sent);
    }

    @Test
    void anotherTypeIsNotTheHostsFlagAndIsLeftForValidation() {
        JsonNode sent = args("{\"message\":\"hi\",\"wait_for_previous\":\"yes\"}");

        assertThat(HostControlArguments.strip(sent, ECHO)).isSameAs(sent);
    }

    @Test
    void argumentsThatAreNotAnObjectAreLeftForValidation() {
        JsonNode sent = schema("{\"a\":[1]}").get("a");

        assertThat(HostControlArguments.strip(sent, ECHO)).isSameAs(sent);
    }
}
