package dev.devskyy.terminal;

import java.util.Map;

/**
 * What the environment says about the terminal, read in this one place. Java cannot tell whether
 * a stream is a terminal, so the launcher does ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and exports
 * {@code DEVSKYY_STDOUT_TTY=1} and {@code DEVSKYY_STDERR_TTY=1}, and {@code COLUMNS} when the
 * shell did not.
 *
 * @param stdoutIsTerminal stdout is a terminal (colour in reports)
 * @param stderrIsTerminal stderr is a terminal (the progress bar)
 * @param colour {@code NO_COLOR} is not set
 * @param dumb {@code TERM} is unset or {@code dumb}: no cursor movement, no escape sequence
 * @param columns the terminal's width, {@link #DEFAULT_COLUMNS} when not told
 */
public record TerminalSettings(
        boolean stdoutIsTerminal, boolean stderrIsTerminal, boolean colour, boolean dumb, int columns) {
    public static final int DEFAULT_COLUMNS = 80;
    /** A width past this is taken for a mistake: a bar that long is no easier to read. */
    private static final int MAX_COLUMNS = 1000;

    public static TerminalSettings of(Map<String, String> env) {
        String term = env.get("TERM");
        return new TerminalSettings(
                "1".equals(env.get("DEVSKYY_STDOUT_TTY")),
                "1".equals(env.get("DEVSKYY_STDERR_TTY")),
                !env.containsKey("NO_COLOR"),
                term == null || term.isBlank() || term.equals("dumb"),
                columns(env.get("COLUMNS")));
    }

    private static int columns(String value) {
        try {
            int columns = Integer.parseInt(value == null ? "" : value.strip());
            return columns > 0 && columns <= MAX_COLUMNS ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
