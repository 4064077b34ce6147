package dev.devskyy.runtime;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard input and output of a caller on a terminal or in a pipe. Only the CLI has them;
 * tools that take {@code -} for a path use them, and refuse {@code -} when they are absent.
 */
public record CallerStreams(InputStream in, OutputStream out) {}
