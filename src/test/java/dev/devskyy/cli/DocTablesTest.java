package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AgentProfile;
import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tables that documents repeat are written from the code, between marker comments (see {@link
 * Golden#assertSectionMatches}): the exit codes ({@link ExitCodes}, also printed by {@code --help})
 * in README.md and docs/errors.md, and the tool catalogue (the live registry) in docs/mcp.md. The
 * one table that mixes code with prose, the error taxonomy in docs/errors.md, is read back and its
 * code, name and exit columns checked.
 */
class DocTablesTest {
    static final Path README = Path.of("README.md");
    static final Path ERRORS = Path.of("docs/errors.md");
    static final Path MCP = Path.of("docs/mcp.md");
    static final Path AGENTS = Path.of("docs/agents.md");

    static String exitCodeTable() {
        StringBuilder table = new StringBuilder("| exit | meaning |\n|---|---|\n");
        ExitCodes.ROWS.forEach(row -> table.append("| ")
                .append(row.exit())
                .append(" | ")
                .append(row.description())
                .append(" |\n"));
        return table.toString();
    }

    static String toolCatalogue() {
        StringBuilder table = new StringBuilder("| tool | permissions | what it does |\n|---|---|---|\n");
        for (ToolSpec tool : ToolCatalogue.registry(Map.of()).list()) {
            String permissions = tool.permissions().isEmpty()
                    ? "none"
                    : tool.permissions().stream().map(ToolPermission::wireName).collect(Collectors.joining(", "));
            if (!tool.permissionsWhenAsked().isEmpty()) {
                permissions += "; when asked: "
                        + tool.permissionsWhenAsked().stream()
                                .map(ToolPermission::wireName)
                                .collect(Collectors.joining(", "));
            }
            table.append("| `")
                    .append(tool.name())
                    .append("` | ")
                    .append(permissions)
                    .append(" | ")
                    .append(tool.title())
                    .append(" |\n");
        }
        return table.toString();
    }

    @Test
    void theExitCodeTablesOfReadmeAndErrorsMdAreTheCodes() {
        Golden.assertSectionMatches(README, "exit-codes", exitCodeTable());
        Golden.assertSectionMatches(ERRORS, "exit-codes", exitCodeTable());
    }

    @Test
    void everyErrorCodeEndsWithAnExitCodeOfTheTable_eachRowOnce() {
        List<Integer> exits = ExitCodes.ROWS.stream().map(ExitCodes.Row::exit).toList();
        assertThat(exits).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ErrorCode.values()).map(ExitCodes::forError)).allMatch(exits::contains);
    }

    @Test
    void theToolCatalogueOfMcpMdIsTheRegistry() {
        Golden.assertSectionMatches(MCP, "tool-catalogue", toolCatalogue());
    }

    @Test
    void theProfileTableOfAgentsMdIsTheBuiltInAgents() {
        StringBuilder table = new StringBuilder("| agent | permissions | tools |\n|---|---|---|\n");
        for (AgentProfile agent : AgentProfiles.BUILT_IN) {
            table.append("| ")
                    .append(agent.name())
                    .append(" | ")
                    .append(agent.permissions().stream()
                            .map(ToolPermission::wireName)
                            .collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(String.join(", ", agent.tools()))
                    .append(" |\n");
        }
        Golden.assertSectionMatches(AGENTS, "agent-profiles", table.toString());
    }

    /** docs/errors.md: {@code | E4001 | INVALID_INPUT | meaning | retried? | 2 |}, one row per code. */
    @Test
    void theErrorTaxonomyOfErrorsMdHasEveryCodeWithItsNameAndExit() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(ERRORS, StandardCharsets.UTF_8)) {
            if (line.matches("\\| E\\d{4} \\|.*")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                String code = cells[0].strip();
                String row = cells[1].strip() + " exit " + cells[cells.length - 1].strip();
                assertThat(documented.put(code, row)).as("%s twice", code).isNull();
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            actual.put(code.name(), code.title() + " exit " + ExitCodes.forError(code));
        }
        assertThat(documented).isEqualTo(actual);
    }
}
