package dev.devskyy.io;

/**
 * The person at the caller's terminal, asked for a password without echo. Only a face that owns a
 * real terminal supplies one (the CLI, from the process's console); the MCP server never does, so
 * a tool called over MCP can never wait on a question nobody sees. It lives here, in the base every
 * layer may use, because three layers name it: the CLI makes it, the runtime carries it to the
 * call, and a capability asks it.
 */
@FunctionalInterface
public interface PasswordPrompt {
    /**
     * Shows {@code question} and reads one line without echo.
     *
     * @return the characters typed, which the caller wipes once used; null at the end of input
     */
    char[] ask(String question);
}
