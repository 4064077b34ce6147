package dev.devskyy.runtime;

import dev.devskyy.io.PasswordPrompt;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard input and output of a caller on a terminal or in a pipe, and the terminal itself
 * when a person sits at it. Only the CLI has them; tools that take {@code -} for a path use the
 * streams, and refuse {@code -} when they are absent.
 *
 * @param terminal asks the person at the terminal for a password; null when the process has no
 *     terminal (stdin may still be a pipe: a password is never read from it)
 */
public record CallerStreams(InputStream in, OutputStream out, PasswordPrompt terminal) {}
