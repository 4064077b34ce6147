package dev.devskyy.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation with the server, read from a file of lines:
 *
 * <ul>
 *   <li>{@code > JSON} a message the client sends; {@code >raw TEXT} a line sent as it is;
 *       {@code >bom JSON} and {@code >crlf JSON} the same with a byte-order mark or CRLF ending;
 *   <li>{@code < JSON} a message the server must send (in any order; the string {@code "*"}
 *       matches any value);
 *   <li>{@code #! NAME VALUE} a server setting ({@code page-size}, {@code max-message-bytes});
 *   <li>{@code #} a comment.
 * </ul>
 */
record Transcript(String name, byte[] input, List<String> expected, Map<String, String> settings) {

    static Transcript read(Path file) throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#! ")) {
                String[] parts = line.substring(3).split(" ", 2);
                settings.put(parts[0], parts[1]);
            } else if (line.startsWith("> ")) {
                input.writeBytes((line.substring(2) + "\n").getBytes(StandardCharsets.UTF_8));
            } else if (line.startsWith(">raw ")) {
                input.writeBytes((line.substring(5) + "\n").getBytes(StandardCharsets.UTF_8));
            } else if (line.startsWith(">bom ")) {
                input.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                input.writeBytes((line.substring(5) + "\n").getBytes(StandardCharsets.UTF_8));
            } else if (line.startsWith(">crlf ")) {
                input.writeBytes((line.substring(6) + "\r\n").getBytes(StandardCharsets.UTF_8));
            } else if (line.startsWith("< ")) {
                expected.add(line.substring(2));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                throw new IllegalArgumentException(file + ": cannot read line: " + line);
            }
        }
        return new Transcript(file.getFileName().toString(), input.toByteArray(), expected, settings);
    }

    int pageSize() {
        return Integer.parseInt(settings.getOrDefault("page-size", "100"));
    }

    long maxMessageBytes() {
        return Long.parseLong(settings.getOrDefault("max-message-bytes", "4194304"));
    }

    @Override
    public String toString() {
        return name;
    }
}
