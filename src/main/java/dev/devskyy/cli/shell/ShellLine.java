package dev.devskyy.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command as typed: its words, and for {@code call NAME {json}} the JSON as it was typed (its
 * quotes are JSON's, not the shell's, so it is not split into words).
 *
 * @param json the JSON arguments of a {@code call}, or null
 */
record ShellLine(List<String> words, String json) {
    private static final Pattern CALL_WITH_JSON = Pattern.compile("\\s*call\\s+(\\S+)\\s+(\\{.*)", Pattern.DOTALL);

    ShellLine {
        words = List.copyOf(words);
    }

    /** {@code raw} as typed, with {@code words} as the line parser split it. */
    static ShellLine of(String raw, List<String> words) {
        Matcher call = CALL_WITH_JSON.matcher(raw);
        if (call.matches()) {
            return new ShellLine(List.of("call", call.group(1)), call.group(2).strip());
        }
        return new ShellLine(words.stream().filter(w -> !w.isEmpty()).toList(), null);
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    String command() {
        return words.isEmpty() ? "" : words.get(0);
    }

    /** The tool a {@code call} or {@code tools call|describe} names. */
    Optional<String> tool() {
        if (words.size() > 1 && "call".equals(words.get(0))) {
            return Optional.of(words.get(1));
        }
        if (words.size() > 2 && "tools".equals(words.get(0))) {
            return Optional.of(words.get(2));
        }
        return Optional.empty();
    }

    /** The CLI's arguments for this line: {@code call} is {@code tools call} with {@code --arg}/{@code --args-json}. */
    String[] cliArguments() {
        if (!"call".equals(command()) || words.size() < 2) {
            return words.toArray(String[]::new);
        }
        List<String> args = new ArrayList<>(List.of("tools", "call", words.get(1)));
        if (json != null) {
            args.add("--args-json");
            args.add(json);
        }
        for (String word : words.subList(2, words.size())) {
            if (!word.startsWith("-") && word.indexOf('=') > 0) {
                args.add("--arg");
            }
            args.add(word);
        }
        return args.toArray(String[]::new);
    }
}
