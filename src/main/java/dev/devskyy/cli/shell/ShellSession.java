package dev.devskyy.cli.shell;

import dev.devskyy.cli.Cli;
import dev.devskyy.cli.CliContext;
import dev.devskyy.cli.ShellScope;
import dev.devskyy.runtime.AgentProfile;
import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolPermission;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * What a shell line does, without the terminal: the shell's own commands, and every other line
 * run by the CLI's command tree under the session's scope. Lines are remembered redacted.
 */
final class ShellSession {
    /** The shell's own commands, beside the CLI's. */
    static final List<String> COMMANDS = List.of("call", "grants", "actor", "agent", "history", "help", "exit", "quit");
    /** CLI commands that make no sense inside the shell. */
    static final Set<String> NOT_IN_THE_SHELL = Set.of("serve", "shell");

    private static final String HELP = """
            Commands (Tab completes; a line with an open { or [ goes on until it is balanced):
              call NAME key=value ...      call a tool; values are read as its schema's types
              call NAME {json}             call a tool with its arguments as one JSON object
              tools list | tools describe NAME
              scan ... | verify ... | encrypt ... | decrypt ... | csp ... | jwt ...   as on the command line
              grants                       what this session may do, and why
              actor NAME                   call as another actor, within what the policy grants it
              agent NAME                   call as one of the platform's agents (devskyy agents list)
              history                      the lines typed, as stored (secrets hidden)
              help [COMMAND]               this, or a command's own help
              exit | quit | Ctrl-D         leave; Ctrl-C cancels the running call
            Every call runs under the session's grants only (devskyy shell --allow/--root/--allow-host/--policy).
            """;

    private final CliContext context;
    private final Caller ceiling;
    private final ShellHistory history;
    private final HistoryRedaction redaction;
    private final AtomicReference<Cancellation> running = new AtomicReference<>();
    private ShellScope scope;
    private int lastCode;
    private boolean historyWarned;
    private String lastRemembered;

    ShellSession(CliContext context, ShellScope scope, ShellHistory history, HistoryRedaction redaction) {
        this.context = context;
        this.ceiling = scope.caller();
        this.scope = scope;
        this.history = history;
        this.redaction = redaction;
    }

    /** The grants of the actor the session now calls as. */
    Grants grants() {
        return scope.caller().grants();
    }

    /** The exit code of the last CLI command run (0 when none ran). */
    int lastCode() {
        return lastCode;
    }

    /** The last line as the history keeps it (secrets hidden), or null. */
    String lastRemembered() {
        return lastRemembered;
    }

    /** Ctrl-C: cancels the call that is running; false when none is. */
    boolean interrupt() {
        Cancellation call = running.get();
        if (call != null) {
            call.cancel();
        }
        return call != null;
    }

    /** Runs one line; false when it asks to leave. */
    boolean run(ShellLine line) {
        if (line.isEmpty()) {
            return true;
        }
        remember(line);
        List<String> words = line.words();
        switch (line.command()) {
            case "exit", "quit" -> {
                return false;
            }
            case "help" -> help(words);
            case "grants" -> printGrants();
            case "actor" -> actor(words);
            case "agent" -> agent(words);
            case "history" -> printHistory();
            default -> execute(line.cliArguments());
        }
        return true;
    }

    private void remember(ShellLine line) {
        lastRemembered = null; // a line that could not be redacted is remembered nowhere
        try {
            lastRemembered = redaction.redact(line);
            history.add(lastRemembered);
        } catch (IOException | RuntimeException e) {
            if (!historyWarned) {
                historyWarned = true;
                context.err()
                        .println("devskyy shell: history is not saved: "
                                + e.getClass().getSimpleName());
            }
        }
    }

    private void execute(String[] args) {
        if (NOT_IN_THE_SHELL.contains(args[0])) {
            context.err().println("E4001 INVALID_INPUT: '" + args[0] + "' is not available inside the shell");
            lastCode = 2;
            return;
        }
        ShellScope line = scope.forNextCommand();
        running.set(line.cancellation());
        try {
            CommandLine cli = Cli.commandLine(context.inShell(line), args);
            lastCode = cli.execute(args);
        } finally {
            running.set(null);
        }
    }

    private void help(List<String> words) {
        if (words.size() > 1 && !COMMANDS.contains(words.get(1))) {
            execute(new String[] {words.get(1), "--help"});
        } else {
            context.out().print(HELP);
        }
    }

    private void actor(List<String> words) {
        if (words.size() != 2) {
            context.err()
                    .println("E4001 INVALID_INPUT: actor takes one name (now: "
                            + scope.caller().actor() + ")");
            return;
        }
        try {
            Caller next = ceiling.narrowedTo(words.get(1));
            AgentProfile agent = scope.caller().agent();
            // an agent chosen in the session stays, as a _meta actor keeps the agent under serve
            next = agent == null ? next : next.asAgent(agent);
            scope = scope.as(next);
            context.out().println("actor " + next.actor() + ": " + permissions(next.grants()));
        } catch (ToolError e) {
            context.err().println(e.getMessage());
        }
    }

    /**
     * Acts as an agent profile, made from the session's own caller as the current actor: never more
     * than that caller, and a session started as one agent cannot become another (E4003).
     */
    private void agent(List<String> words) {
        try {
            AgentProfiles agents =
                    AgentProfiles.of(ceiling.policy(), context.tools().get());
            Optional<AgentProfile> profile = words.size() == 2 ? agents.find(words.get(1)) : Optional.empty();
            if (profile.isEmpty()) {
                context.err()
                        .println("E4001 INVALID_INPUT: agent takes the name of one of "
                                + String.join(", ", agents.names()));
                return;
            }
            Caller next = ceiling.narrowedTo(scope.caller().actor()).asAgent(profile.get());
            scope = scope.as(next);
            context.out().println("agent " + next.agentName() + ": " + permissions(next.grants()));
        } catch (ToolError e) {
            context.err().println(e.getMessage());
        }
    }

    private void printGrants() {
        Caller caller = scope.caller();
        Grants grants = caller.grants();
        PrintStream out = context.out();
        out.println("actor:        " + caller.actor());
        out.println("permissions:  " + permissions(grants));
        out.println("not granted:  "
                + dashIfEmpty(Set.of(ToolPermission.values()).stream()
                        .filter(p -> !grants.permissions().contains(p))
                        .map(ToolPermission::wireName)
                        .sorted()
                        .collect(Collectors.joining(", "))));
        out.println("roots:        "
                + dashIfEmpty(grants.roots().stream().map(Object::toString).collect(Collectors.joining(", "))));
        out.println("hosts:        " + dashIfEmpty(String.join(", ", grants.hosts())));
        out.println("why:          " + why(caller));
    }

    private String why(Caller caller) {
        String flags = "the shell's flags (--allow, --root, --allow-host)";
        if (caller.policy() == null) {
            return flags + "; nothing else is granted";
        }
        String entry = "the policy file's entry for '" + caller.actor() + "'";
        if (caller.actor().equals(ceiling.actor())) {
            return entry + ", with " + flags + " added";
        }
        return entry + ", cut down to what the session's actor '" + ceiling.actor() + "' has";
    }

    private void printHistory() {
        List<String> lines = history.lines();
        for (int i = 0; i < lines.size(); i++) {
            context.out().printf("%5d  %s%n", i + 1, lines.get(i));
        }
    }

    private static String permissions(Grants grants) {
        return dashIfEmpty(grants.permissions().stream()
                .map(ToolPermission::wireName)
                .sorted()
                .collect(Collectors.joining(", ")));
    }

    private static String dashIfEmpty(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
