package dev.devskyy.cli.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Tab: the shell's commands; the CLI's subcommands and options from picocli's completion model;
 * tool names; a tool's argument names ({@code name=}) and their enum or boolean values from its
 * input schema; and file paths, only inside the session's roots ({@link RootedPaths}).
 */
final class ShellCompleter implements Completer {
    private final CommandLine cli;
    private final ToolRegistry tools;
    private final Supplier<RootedPaths> paths;

    ShellCompleter(CommandLine cli, ToolRegistry tools, Supplier<RootedPaths> paths) {
        this.cli = cli;
        this.tools = tools;
        this.paths = paths;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word().substring(0, line.wordCursor());
        if (index == 0) {
            ShellSession.COMMANDS.forEach(name -> candidates.add(new Candidate(name)));
            cli.getSubcommands().keySet().stream()
                    .filter(name -> !ShellSession.NOT_IN_THE_SHELL.contains(name))
                    .forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        String first = words.get(0);
        boolean toolsCommand = "tools".equals(first) && words.size() > 1 && !"list".equals(words.get(1));
        if (("call".equals(first) && index == 1) || (toolsCommand && index == 2)) {
            tools.list().forEach(spec -> candidates.add(new Candidate(spec.name())));
            return;
        }
        if ("call".equals(first)) {
            tools.find(words.get(1)).ifPresent(spec -> arguments(spec, word, candidates));
            return;
        }
        if (ShellSession.COMMANDS.contains(first)) {
            return;
        }
        List<CharSequence> suffixes = new ArrayList<>();
        String[] args = words.toArray(String[]::new);
        AutoComplete.complete(cli.getCommandSpec(), args, index, line.wordCursor(), 0, suffixes);
        suffixes.forEach(suffix -> candidates.add(new Candidate(word + suffix)));
        if (suffixes.isEmpty() && !word.startsWith("-")) {
            files("", word, candidates);
        }
    }

    /** {@code name=} for each argument; after the {@code =}, its enum or boolean values, or a path. */
    private void arguments(ToolSpec spec, String word, List<Candidate> candidates) {
        JsonNode properties = spec.inputSchema().path("properties");
        int equals = word.indexOf('=');
        if (equals < 0) {
            properties.fieldNames().forEachRemaining(name -> candidates.add(partial(name + "=")));
            return;
        }
        String name = word.substring(0, equals);
        JsonNode property = properties.path(name);
        List<String> values = new ArrayList<>();
        property.path("enum").forEach(value -> values.add(value.asText()));
        property.path("items").path("enum").forEach(value -> values.add(value.asText()));
        if ("boolean".equals(property.path("type").asText())) {
            values.addAll(List.of("true", "false"));
        }
        if (!values.isEmpty()) {
            values.forEach(value -> candidates.add(new Candidate(name + "=" + value)));
        } else if ("string".equals(property.path("type").asText())) {
            files(name + "=", word.substring(equals + 1), candidates);
        }
    }

    private void files(String before, String typed, List<Candidate> candidates) {
        for (String path : paths.get().complete(typed)) {
            candidates.add(path.endsWith("/") ? partial(before + path) : new Candidate(before + path));
        }
    }

    /** A candidate after which more is typed (no space is added). */
    private static Candidate partial(String value) {
        return new Candidate(value, value, null, null, null, null, false);
    }
}
