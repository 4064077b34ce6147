package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.AgentProfile;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code devskyy agents list}: each agent, its permissions, how many tools it may call, and what it is for. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the agent profiles.")
final class AgentsListCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print {\"agents\": [...]}, each as agents show --json prints it.")
    boolean json;

    @Mixin
    AgentPolicyOption policy;

    AgentsListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<AgentProfile> agents = policy.profiles(context).all();
        if (json) {
            ObjectNode document = Json.object();
            ArrayNode list = document.putArray("agents");
            agents.forEach(agent -> list.add(AgentsShowCommand.document(agent)));
            context.out().println(Json.pretty(document));
            return ExitCodes.SUCCESS;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "PERMISSIONS", "TOOLS", "DESCRIPTION"});
        for (AgentProfile agent : agents) {
            rows.add(new String[] {
                agent.name(), permissions(agent), String.valueOf(agent.tools().size()), agent.description()
            });
        }
        context.out().print(TextTable.of(rows));
        return ExitCodes.SUCCESS;
    }

    static String permissions(AgentProfile agent) {
        return agent.permissions().isEmpty()
                ? "-"
                : agent.permissions().stream().map(ToolPermission::wireName).collect(Collectors.joining(","));
    }
}
