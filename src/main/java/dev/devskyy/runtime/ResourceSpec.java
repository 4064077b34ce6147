package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A read-only document devskyy offers a model before it calls anything (what it is granted, the
 * scanner's rules, the error codes, the manual), listed in the MCP {@code Resource} shape. None is
 * a file of the user's: a resource's text is made by devskyy from its own code and its caller.
 *
 * @param uri {@code devskyy://…}, matched exactly (never decoded, never resolved as a path)
 * @param perCaller whether the text depends on the caller (their grants), so it may be cached only
 *     for that caller
 */
public record ResourceSpec(
        String uri, String name, String title, String description, String mimeType, boolean perCaller, Reader reader) {
    public static final String SCHEME = "devskyy://";
    private static final Pattern URI = Pattern.compile("devskyy://[a-z0-9-]+(/[a-z0-9-]+)*");

    /** Makes the text; it runs as the caller who asked. */
    @FunctionalInterface
    public interface Reader {
        String read(Caller caller);
    }

    public ResourceSpec {
        if (!URI.matcher(uri).matches()) {
            throw new IllegalArgumentException("bad resource uri: " + uri);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(reader, "reader");
    }

    /** A resource whose text is the same for every caller. */
    public static ResourceSpec shared(
            String uri, String name, String title, String description, String mimeType, Reader reader) {
        return new ResourceSpec(uri, name, title, description, mimeType, false, reader);
    }

    /** The MCP {@code Resource} shape. */
    public ObjectNode listing() {
        ObjectNode entry = Json.object();
        entry.put("uri", uri);
        entry.put("name", name);
        entry.put("title", title);
        entry.put("description", description);
        entry.put("mimeType", mimeType);
        return entry;
    }
}
