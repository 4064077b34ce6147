package dev.devskyy.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A response's header fields in the order they came, names compared without case. */
public final class HttpHeaders {
    /** One field line: its name as sent and its value without surrounding white space. */
    public record Field(String name, String value) {}

    private final List<Field> fields;

    public HttpHeaders(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    /** Every value of the field {@code name}, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** The values of {@code name} joined as one list field (RFC 9110 §5.3), lower-cased. */
    String joinedLower(String name) {
        return String.join(",", all(name)).toLowerCase(Locale.ROOT);
    }
}
