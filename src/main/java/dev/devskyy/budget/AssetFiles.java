package dev.devskyy.budget;

import java.nio.file.Path;
import java.util.List;

/**
 * How the budget check reaches the files it is given and the files they name. On a tool call this
 * is the caller's guarded open: inside the granted roots, no link followed blindly, sizes checked
 * before reading.
 */
public interface AssetFiles {
    /** The whole of the regular file {@code file}, refused if it holds more than {@code maxBytes}. */
    byte[] read(Path file, long maxBytes);

    /** {@code fileOrDirectory} itself, or every regular file below it (links are not followed). */
    List<Path> files(Path fileOrDirectory);
}
