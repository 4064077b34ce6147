package dev.devskyy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Writes man(7) pages from the picocli model: one page per command, named like git's. */
final class ManPageWriter {
    private ManPageWriter() {}

    /** File name (e.g. {@code devskyy-tools-call.1}) to page text, for the command and all below it. */
    static Map<String, String> pages(CommandLine root, String version) {
        Map<String, String> pages = new java.util.TreeMap<>();
        collect(root, version, pages);
        return pages;
    }

    private static void collect(CommandLine command, String version, Map<String, String> pages) {
        CommandSpec spec = command.getCommandSpec();
        pages.put(pageName(spec) + ".1", page(spec, version));
        command.getSubcommands().values().forEach(sub -> collect(sub, version, pages));
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String page(CommandSpec spec, String version) {
        StringBuilder roff = new StringBuilder();
        String name = pageName(spec);
        roff.append(".TH ")
                .append(quote(name.toUpperCase(Locale.ROOT)))
                .append(" 1 \"\" ")
                .append(quote(version))
                .append(" \"devskyy manual\"\n");
        roff.append(".SH NAME\n")
                .append(escape(name))
                .append(" \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description())))
                .append('\n');
        roff.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(Ansi.OFF))
                        .synopsis(0)
                        .stripTrailing()))
                .append("\n.fi\n");
        roff.append(".SH DESCRIPTION\n")
                .append(escape(String.join(" ", spec.usageMessage().description())))
                .append('\n');
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        if (!positionals.isEmpty()) {
            roff.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                roff.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
                roff.append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        roff.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            roff.append(".TP\n").append(optionTerm(option)).append('\n');
            roff.append(escape(String.join(" ", option.description()))).append('\n');
        }
        if (!spec.subcommands().isEmpty()) {
            roff.append(".SH COMMANDS\n");
            spec.subcommands()
                    .forEach((sub, line) -> roff.append(".TP\n\\fB")
                            .append(escape(sub))
                            .append("\\fR\n")
                            .append(escape(String.join(
                                    " ", line.getCommandSpec().usageMessage().description())))
                            .append("\nSee \\fB")
                            .append(escape(pageName(line.getCommandSpec())))
                            .append("\\fR(1).\n"));
        }
        roff.append(".SH EXIT STATUS\n.nf\n");
        for (String row : ExitCodes.TABLE) {
            roff.append(escape(row)).append('\n');
        }
        roff.append(".fi\n");
        List<String> related = new ArrayList<>();
        if (spec.parent() != null) {
            related.add(pageName(spec.parent()));
        }
        if (!related.isEmpty()) {
            roff.append(".SH SEE ALSO\n");
            roff.append(String.join(
                            ", ",
                            related.stream()
                                    .map(r -> "\\fB" + escape(r) + "\\fR(1)")
                                    .toList()))
                    .append('\n');
        }
        return roff.toString();
    }

    private static String optionTerm(OptionSpec option) {
        List<String> names = new ArrayList<>();
        for (String n : option.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String term = String.join(", ", names);
        if (option.arity().max() > 0) {
            term += "=\\fI" + escape(option.paramLabel()) + "\\fR";
        }
        return term;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\(dq") + "\"";
    }

    /** Escapes text for roff: backslashes, hyphens, non-ASCII, and lines that would read as requests. */
    static String escape(String text) {
        StringBuilder ascii = new StringBuilder();
        text.replace("\\", "\\e").replace("-", "\\-").codePoints().forEach(c -> {
            if (c < 0x80) {
                ascii.appendCodePoint(c);
            } else {
                ascii.append(String.format("\\[u%04X]", c));
            }
        });
        String escaped = ascii.toString();
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }
}
