package dev.devskyy.cli;

import dev.devskyy.runtime.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The process exit codes, one table for every command. {@code --help} and the man pages print
 * {@link #TABLE}; the tables in README.md and docs/errors.md are checked against {@link #ROWS} by
 * {@code DocTablesTest}.
 */
public final class ExitCodes {
    public static final int SUCCESS = 0;
    public static final int NEGATIVE = 1;
    public static final int USAGE = 2;
    public static final int PERMISSION_DENIED = 3;
    public static final int NOT_FOUND = 4;
    public static final int TIMEOUT = 5;
    public static final int DEPENDENCY = 6;
    public static final int INTERNAL = 70;
    /** sysexits' EX_IOERR: the machine failed a file operation (disk full, read-only file system…). */
    public static final int ENVIRONMENT = 74;

    /**
     * What each exit code means, in order. The error codes a row lists come from {@link
     * #forError}, so the table cannot disagree with what the commands return.
     */
    static final List<Row> ROWS = List.of(
            new Row(SUCCESS, "success"),
            new Row(NEGATIVE, "negative result", "findings", "failed verification"),
            new Row(USAGE, "usage error or invalid input"),
            new Row(PERMISSION_DENIED, "permission denied"),
            new Row(NOT_FOUND, "not found"),
            new Row(TIMEOUT, "timeout, retries exhausted or cancelled"),
            new Row(DEPENDENCY, "dependency, network or API error"),
            new Row(INTERNAL, "internal error"),
            new Row(ENVIRONMENT, "environment error: disk full, read-only file system, I/O error"));

    /** The table as shown under "Exit codes" in --help. */
    static final String[] TABLE = ROWS.stream()
            .map(row -> String.format("%3d   %s", row.exit(), row.description()))
            .toArray(String[]::new);

    private ExitCodes() {}

    public static int forError(ErrorCode code) {
        return switch (code) {
            case E4007 -> NEGATIVE;
            case E4001, E4002, E4005 -> USAGE;
            case E4003 -> PERMISSION_DENIED;
            case E4004 -> NOT_FOUND;
            case E5001, E5002, E4006 -> TIMEOUT;
            case E5004, E6001, E6002, E6003 -> DEPENDENCY;
            case E5003 -> INTERNAL;
            case E5005 -> ENVIRONMENT;
        };
    }

    /**
     * One exit code: what it means, and in brackets the kinds of outcome that end with it ({@code
     * cases}, then every error code {@link #forError} maps to it).
     */
    record Row(int exit, String meaning, List<String> cases) {
        Row(int exit, String meaning, String... cases) {
            this(exit, meaning, List.of(cases));
        }

        List<ErrorCode> errors() {
            return Arrays.stream(ErrorCode.values())
                    .filter(code -> forError(code) == exit)
                    .toList();
        }

        /** {@code negative result (findings, failed verification, E4007)}. */
        String description() {
            List<String> all = Stream.concat(cases.stream(), errors().stream().map(ErrorCode::name))
                    .toList();
            return all.isEmpty() ? meaning : meaning + " (" + String.join(", ", all) + ")";
        }
    }
}
