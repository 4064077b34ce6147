package dev.devskyy.cli;

import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolListing;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code devskyy tools list}: a table sorted by name, or the MCP tools/list result with --json. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tools, sorted by name.")
final class ToolsListCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print the MCP tools/list result instead of a table.")
    boolean json;

    ToolsListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Collection<ToolSpec> tools = context.tools().get().list();
        if (json) {
            context.out().println(Json.pretty(ToolListing.of(tools)));
        } else {
            context.out().print(table(tools));
        }
        return ExitCodes.SUCCESS;
    }

    static String table(Collection<ToolSpec> tools) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "PERMISSIONS", "TITLE"});
        for (ToolSpec tool : tools) {
            String permissions = tool.permissions().isEmpty()
                    ? "-"
                    : tool.permissions().stream().map(ToolPermission::wireName).collect(Collectors.joining(","));
            rows.add(new String[] {tool.name(), tool.version(), permissions, tool.title()});
        }
        return TextTable.of(rows);
    }
}
