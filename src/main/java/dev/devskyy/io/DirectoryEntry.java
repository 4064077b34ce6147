package dev.devskyy.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A name in an open directory inside a granted root: what a path came to once walked. The entry
 * itself may not exist yet (an output to create). {@code name} is null when the path named the
 * directory itself.
 */
public record DirectoryEntry(OpenDirectory directory, Path name, Path path) implements Closeable {
    @Override
    public void close() throws IOException {
        directory.close();
    }
}
