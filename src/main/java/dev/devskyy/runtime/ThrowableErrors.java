package dev.devskyy.runtime;

import dev.devskyy.io.IoFailure;
import dev.devskyy.io.Printable;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The one mapping of an exception a tool (or a face) did not handle to the taxonomy. What the OS
 * reported about a file operation becomes a clear error with a non-internal code: bad caller input
 * E4001, refused access E4003, a failing machine (disk full, read-only file system, I/O error, no
 * descriptors left) E5005. Anything else is a bug, E5003. No exception message is ever repeated:
 * it may quote data the tool handled, key material included; only the OS reason and the path are.
 */
public final class ThrowableErrors {
    private static final int PATH_SHOWN = 240;

    /** Verbs for the JDK methods that fail with an OS reason, by the start of their name. */
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("newOutputStream", "write"),
            Map.entry("write", "write"),
            Map.entry("force", "write"),
            Map.entry("flush", "write"),
            Map.entry("close", "write"),
            Map.entry("newInputStream", "read"),
            Map.entry("read", "read"),
            Map.entry("lines", "read"),
            Map.entry("size", "read"),
            Map.entry("create", "create"),
            Map.entry("move", "move"),
            Map.entry("copy", "copy"),
            Map.entry("delete", "delete"),
            Map.entry("setPosixFilePermissions", "change the permissions of"),
            Map.entry("newByteChannel", "open"),
            Map.entry("open", "open"),
            Map.entry("newDirectoryStream", "list"),
            Map.entry("walk", "list"));

    private ThrowableErrors() {}

    /**
     * The error for {@code thrown}, raised while {@code who} (e.g. {@code tool file_hash}) ran.
     * A ToolError stays what it is.
     */
    public static ToolError toToolError(String who, Throwable thrown) {
        if (thrown instanceof ToolError error) {
            return error;
        }
        Optional<IoFailure> failure = IoFailure.of(thrown);
        if (failure.isPresent()) {
            return fromOs(who, failure.get(), operation(thrown));
        }
        return ToolError.of(
                        ErrorCode.E5003,
                        who + " failed unexpectedly (" + thrown.getClass().getSimpleName() + ")")
                .withDetail("exception", thrown.getClass().getName());
    }

    /**
     * The error for a file the caller named {@code path}, met while {@code who} ran: the reason the OS (or devskyy's guarded
     * I/O) gave, told with the caller's own path rather than the one the OS was given.
     */
    public static ToolError forFile(String who, String path, Throwable thrown) {
        return IoFailure.of(thrown)
                .map(failure -> fromOs(who, new IoFailure(failure.kind(), failure.reason(), path), operation(thrown)))
                .orElseGet(() -> toToolError(who, thrown));
    }

    private static ToolError fromOs(String who, IoFailure failure, String operation) {
        ErrorCode code = switch (failure.kind()) {
            case CALLER_INPUT -> ErrorCode.E4001;
            case DENIED -> ErrorCode.E4003;
            case ENVIRONMENT -> ErrorCode.E5005;
        };
        String verb = verb(operation);
        StringBuilder message = new StringBuilder(who).append(" could not ").append(verb);
        if (failure.path() != null) {
            message.append(' ').append(printable(failure.path()));
        }
        message.append(": ").append(failure.lowerReason());
        ToolError error = ToolError.of(code, message.toString())
                .withDetail("reason", failure.reason())
                .withDetail("operation", operation);
        return failure.path() == null ? error : error.withDetail("path", printable(failure.path()));
    }

    /**
     * The JDK method that failed ({@code Files.move}): the last JDK frame before the first frame of
     * devskyy's own code, or of any library, on the exception's stack.
     */
    static String operation(Throwable thrown) {
        StackTraceElement api = null;
        for (StackTraceElement frame : IoFailure.unwrap(thrown).getStackTrace()) {
            if (!isJdk(frame.getClassName())) {
                break;
            }
            api = frame;
        }
        if (api == null) {
            return "file operation";
        }
        String type = api.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + api.getMethodName();
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.")
                || className.startsWith("javax.")
                || className.startsWith("sun.")
                || className.startsWith("jdk.");
    }

    private static String verb(String operation) {
        String method = operation.substring(operation.lastIndexOf('.') + 1);
        if ("Path.of".equals(operation) || "getPath".equals(method) || "resolve".equals(method)) {
            return "use the path";
        }
        return VERBS.entrySet().stream()
                .filter(entry -> method.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("access");
    }

    /** A path as the caller gave it, with control characters (a NUL above all) made visible and its length bounded. */
    static String printable(String path) {
        return Printable.of(path, PATH_SHOWN);
    }

    /**
     * The exception for a debug log: class names and frames of the whole chain, no message (it may
     * quote data, keys included).
     */
    public static String traceWithoutMessages(Throwable thrown) {
        StringJoiner trace = new StringJoiner("\n");
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            trace.add((t == thrown ? "" : "caused by ") + t.getClass().getName());
            for (StackTraceElement frame : t.getStackTrace()) {
                trace.add("\tat " + frame);
            }
        }
        return trace.toString();
    }
}
