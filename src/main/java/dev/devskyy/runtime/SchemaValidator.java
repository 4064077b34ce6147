package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates tool arguments and outputs against JSON Schema 2020-12, compiling each schema once. */
final class SchemaValidator {
    /** One failed check, located by a JSON pointer into the validated document. */
    record Violation(String pointer, String keyword, String message) {}

    /**
     * Configuration only, and thread-safe: one per process, as making it costs tens of
     * milliseconds. Made under a lock on first use; a failed making is tried again by the next
     * runtime rather than remembered.
     */
    private static SchemaRegistry dialect;

    private final SchemaRegistry registry = dialect();

    private static synchronized SchemaRegistry dialect() {
        if (dialect == null) {
            dialect = SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .formatAssertionsEnabled(true)
                            .build()));
        }
        return dialect;
    }

    /**
     * Keyed by the schema object itself: specs hold theirs unchanged for life, and hashing a schema's
     * content (a tree walk) on every call cost more than validating the arguments.
     */
    private final Map<SchemaObject, Schema> compiled = new ConcurrentHashMap<>();

    private record SchemaObject(JsonNode schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaObject o && o.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    /** Makes the dialect now, so that a first validation need not wait for it. */
    static void prepare() {
        dialect();
    }

    List<Violation> validate(JsonNode schema, JsonNode instance) {
        Schema compiledSchema =
                compiled.computeIfAbsent(new SchemaObject(schema), key -> registry.getSchema(key.schema()));
        return compiledSchema.validate(instance).stream()
                .map(SchemaValidator::toViolation)
                .toList();
    }

    private static Violation toViolation(Error error) {
        String location = error.getInstanceLocation().toString();
        String pointer = location.isEmpty() || "/".equals(location) ? "" : location;
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + error.getProperty();
        }
        return new Violation(pointer.isEmpty() ? "/" : pointer, error.getKeyword(), error.getMessage());
    }
}
