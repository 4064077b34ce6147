package dev.devskyy.cli;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors without secrets. picocli quotes the offending value ("Invalid value for option
 * '--password': 'hunter2' is not a boolean", "Unknown option: '--pasword=hunter2'"); a value that
 * may be secret is replaced before the message is shown. A value may be secret when it belongs to
 * an option marked {@link Secret}, when it follows such an option's name (a boolean {@code
 * --password} followed by what someone typed as the password), or when it is attached to, or
 * follows, an option no command knows (a misspelt secret option).
 */
public final class SecretArguments {
    static final String HIDDEN = "<hidden>";

    private final Set<String> secretNames = new HashSet<>();
    private final Set<String> knownNames = new HashSet<>();

    private SecretArguments(CommandLine anyCommand) {
        CommandLine root = anyCommand;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Deque<CommandLine> pending = new ArrayDeque<>(Set.of(root));
        while (!pending.isEmpty()) {
            CommandLine command = pending.pop();
            for (OptionSpec option : command.getCommandSpec().options()) {
                Set<String> names = Set.of(option.names());
                knownNames.addAll(names);
                if (isSecret(option)) {
                    secretNames.addAll(names);
                }
            }
            pending.addAll(command.getSubcommands().values());
        }
    }

    /** The exception's message with every value that may be secret replaced by {@value #HIDDEN}. */
    static String message(ParameterException e, String[] args) {
        return new SecretArguments(e.getCommandLine()).sanitize(e, args);
    }

    private String sanitize(ParameterException e, String[] args) {
        Set<String> hidden = new LinkedHashSet<>();
        if (e.getArgSpec() != null && isSecret(e.getArgSpec()) && e.getValue() != null) {
            hidden.add(e.getValue());
        }
        int[] starts = secretValueStarts(args);
        for (int i = 0; i < args.length; i++) {
            if (starts[i] >= 0) {
                hidden.add(args[i].substring(starts[i]));
            }
        }
        String message = String.valueOf(e.getMessage());
        // longest first, so that a value containing a shorter one is hidden whole
        for (String value : hidden.stream()
                .filter(v -> !v.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            message = message.replace(value, HIDDEN);
        }
        return message;
    }

    /**
     * {@code args} with every value that may be secret replaced by {@code mask}: the shell's
     * history stores a line only so. {@code anyCommand} is any command of the tree that parses them.
     */
    public static String[] masked(CommandLine anyCommand, String[] args, String mask) {
        return new SecretArguments(anyCommand).mask(anyCommand, args, mask);
    }

    private String[] mask(CommandLine anyCommand, String[] args, String mask) {
        String[] masked = args.clone();
        int[] starts = secretValueStarts(args);
        Set<String> positionals = secretPositionals(anyCommand, args);
        for (int i = 0; i < args.length; i++) {
            if (starts[i] >= 0) {
                masked[i] = args[i].substring(0, starts[i]) + mask;
            } else if (positionals.contains(args[i])) {
                masked[i] = mask;
            }
        }
        return masked;
    }

    /**
     * The words given to positional parameters marked {@link Secret} ({@code verify jwt TOKEN}), as
     * the command tree reads {@code args}; none when it cannot read them (the option rules above
     * still apply).
     */
    private static Set<String> secretPositionals(CommandLine anyCommand, String[] args) {
        CommandLine root = anyCommand;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Set<String> words = new HashSet<>();
        try {
            for (CommandLine.ParseResult level = root.parseArgs(args); level != null; level = level.subcommand()) {
                level.matchedPositionals().stream()
                        .filter(SecretArguments::isSecret)
                        .forEach(spec -> words.addAll(spec.originalStringValues()));
            }
        } catch (ParameterException e) {
            // Unreadable (a misspelt option, say): where the command reached takes a secret
            // positional, every word that is neither an option nor a command name may be it.
            CommandLine reached = e.getCommandLine();
            if (reached.getCommandSpec().positionalParameters().stream().anyMatch(SecretArguments::isSecret)) {
                Set<String> path = new HashSet<>();
                for (CommandLine c = reached; c != null; c = c.getParent()) {
                    path.add(c.getCommandName());
                }
                Arrays.stream(args)
                        .filter(a -> !a.startsWith("-") && !path.contains(a))
                        .forEach(words::add);
            }
        }
        return words;
    }

    /**
     * Where in each argument a value that may be secret starts, or -1 for none: after the {@code =}
     * of a suspect option given as {@code --opt=value}, or at 0 for the word after a suspect option.
     */
    private int[] secretValueStarts(String[] args) {
        int[] starts = new int[args.length];
        Arrays.fill(starts, -1);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            boolean suspect = secretNames.contains(name) || (name.startsWith("-") && !isKnown(name));
            if (!suspect) {
                continue;
            }
            if (equals > 0) {
                // unless the word as a whole is already the value of the option before it
                starts[i] = starts[i] == 0 ? 0 : equals + 1;
            } else if (i + 1 < args.length) {
                // the option's value, or what was typed after a secret flag such as --password
                starts[i + 1] = 0;
            }
        }
        return starts;
    }

    /** A known option, or a cluster of known short ones such as {@code -vvv}. */
    private boolean isKnown(String name) {
        return knownNames.contains(name)
                || (name.matches("-[A-Za-z]{2,}")
                        && name.substring(1).chars().allMatch(c -> knownNames.contains("-" + (char) c)));
    }

    private static boolean isSecret(ArgSpec spec) {
        return spec.userObject() instanceof AnnotatedElement element && element.isAnnotationPresent(Secret.class);
    }
}
