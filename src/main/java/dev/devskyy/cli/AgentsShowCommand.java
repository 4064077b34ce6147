package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.AgentProfile;
import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code devskyy agents show NAME}: one agent's whole profile, instructions included. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one agent profile.")
final class AgentsShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The agent, as agents list names it.")
    String name;

    @Option(names = "--json", description = "Print the profile as JSON.")
    boolean json;

    @Mixin
    AgentPolicyOption policy;

    AgentsShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AgentProfiles agents = policy.profiles(context);
        AgentProfile agent = agents.find(name)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "Unknown agent '" + name + "' (known: " + String.join(", ", agents.names()) + ")"));
        context.out().print(json ? Json.pretty(document(agent)) + "\n" : text(agent));
        return ExitCodes.SUCCESS;
    }

    /** The profile as JSON, with the name of the MCP prompt that serves its instructions. */
    static ObjectNode document(AgentProfile agent) {
        ObjectNode document = Json.object();
        document.put("name", agent.name());
        document.put("description", agent.description());
        ArrayNode permissions = document.putArray("permissions");
        agent.permissions().forEach(p -> permissions.add(p.wireName()));
        ArrayNode tools = document.putArray("tools");
        agent.tools().forEach(tools::add);
        document.put("prompt", agent.promptName());
        document.put("instructions", agent.instructions());
        return document;
    }

    private static String text(AgentProfile agent) {
        StringBuilder out = new StringBuilder();
        out.append("agent        ").append(agent.name()).append('\n');
        out.append("description  ").append(agent.description()).append('\n');
        out.append("permissions  ").append(AgentsListCommand.permissions(agent)).append('\n');
        StringBuilder lacking = new StringBuilder();
        for (ToolPermission permission : ToolPermission.values()) {
            if (!agent.permissions().contains(permission)) {
                lacking.append(lacking.isEmpty() ? "" : ",").append(permission.wireName());
            }
        }
        out.append("not held     ").append(lacking.isEmpty() ? "-" : lacking).append('\n');
        out.append("tools        ")
                .append(agent.tools().isEmpty() ? "-" : String.join(", ", agent.tools()))
                .append('\n');
        out.append("prompt       ").append(agent.promptName()).append("\n\n");
        out.append(agent.instructions()).append('\n');
        return out.toString();
    }
}
