package dev.devskyy.cli;

import dev.devskyy.runtime.ErrorCode;

/** The process exit codes, one table for every command (README and --help print it). */
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

    /** The table as shown under "Exit codes" in --help. */
    static final String[] TABLE = {
        "  0   success",
        "  1   negative result (findings, failed verification, E4007)",
        "  2   usage error or invalid input (E4001, E4002, E4005)",
        "  3   permission denied (E4003)",
        "  4   not found (E4004)",
        "  5   timeout, retries exhausted or cancelled (E5001, E5002, E4006)",
        "  6   dependency, network or API error (E5004, E6001, E6002, E6003)",
        " 70   internal error (E5003)",
        " 74   environment error: disk full, read-only file system, I/O error (E5005)",
    };

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
}
