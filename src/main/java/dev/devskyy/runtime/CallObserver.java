package dev.devskyy.runtime;

/**
 * Where a running tool's progress and log messages go: the MCP face forwards them as
 * notifications, the CLI to stderr. Implementations must be thread-safe.
 */
public interface CallObserver {
    CallObserver NONE = new CallObserver() {};

    /** A progress step; the runtime forwards only strictly increasing values. */
    default void progress(double progress, Double total, String message) {}

    /** A log message from the tool at an RFC 5424 level name ("info", "warning", …). */
    default void log(String level, String message) {}
}
