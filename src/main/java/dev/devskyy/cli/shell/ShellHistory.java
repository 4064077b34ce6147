package dev.devskyy.cli.shell;

import dev.devskyy.io.BoundedRead;
import dev.devskyy.runtime.StateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell's history file, {@code shell_history} in the state directory: the last {@link #KEPT}
 * lines, already redacted, one per line. Each new line rewrites the file through the state
 * directory's private atomic write, so it is 0600 from its first byte whatever the umask.
 */
final class ShellHistory {
    static final String FILE = "shell_history";
    static final int KEPT = 500;
    private static final long MAX_BYTES = 1 << 20;

    private final Path state;
    private final List<String> lines = new ArrayList<>();

    private ShellHistory(Path state) {
        this.state = state;
    }

    /** The history kept in {@code state}; an unreadable or missing file starts an empty one. */
    static ShellHistory in(Path state) {
        ShellHistory history = new ShellHistory(state);
        try {
            String text = new String(BoundedRead.bytes(state.resolve(FILE), MAX_BYTES), StandardCharsets.UTF_8);
            text.lines().filter(l -> !l.isBlank()).forEach(history.lines::add);
        } catch (NoSuchFileException e) {
            // a first session
        } catch (IOException e) {
            // not a regular file, too large or unreadable: the session starts afresh and replaces it
        }
        return history;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Adds an already redacted line and stores the history; a line of several lines is stored as one. */
    void add(String redacted) throws IOException {
        lines.add(redacted.replace('\n', ' ').replace('\r', ' '));
        while (lines.size() > KEPT) {
            lines.remove(0);
        }
        byte[] text = text();
        // the oldest lines go first, so that the file stays readable by the next session
        while (text.length > MAX_BYTES && !lines.isEmpty()) {
            lines.remove(0);
            text = text();
        }
        StateDirectory.writePrivate(state, FILE, text);
    }

    private byte[] text() {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
