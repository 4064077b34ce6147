package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy's agents are checked when the policy is read, whether or not a command uses one. */
class PolicyAgentsCliTest {
    @TempDir
    Path dir;

    @Test
    void anAgentNamingAToolThatDoesNotExistFailsACallThatUsesNoAgent() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                {"actors":{"default":{}},
                 "agents":{"auditor":{"description":"d","instructions":"i","tools":["rm_rf"]}}}""");
        CliRunner.Run run = new CliRunner(ToolCatalogue.registry(Map.of()), dir)
                .run("tools", "call", "data_mask", "--policy", policy.toString(), "--arg", "text=a@b.com");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("E4001").contains("rm_rf");
    }
}
