package dev.devskyy.io;

import java.nio.file.FileSystemException;

/**
 * A file operation that devskyy's guarded I/O refused before the operating system was asked: a
 * special file where a regular one belongs, a file over its bound, an entry swapped while it was
 * being opened, an output that may not be replaced. Its reason is devskyy's own words, never data
 * read from a file, so it may be shown to the caller.
 */
public class Refusal extends FileSystemException {
    private static final long serialVersionUID = 1L;

    public Refusal(String file, String reason) {
        super(file, null, reason);
    }
}
