package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** A Collection3DExperienceSpec file, read within bounds and validated against the bundled schema. */
final class BudgetSpec {
    /** A spec is a small JSON document; anything larger is refused before it is read. */
    static final long MAX_SPEC_BYTES = 4L << 20;

    private BudgetSpec() {}

    /**
     * The spec at {@code spec}, valid.
     *
     * @throws BudgetException naming the file and every problem
     */
    static JsonNode read(Path spec, AssetFiles files) {
        JsonNode document;
        try {
            document = Json.readFile(files.read(spec, MAX_SPEC_BYTES));
        } catch (IOException e) {
            throw new BudgetException("spec " + spec + " is not readable JSON");
        }
        List<Error> errors = SchemaHolder.SCHEMA.validate(document);
        if (!errors.isEmpty()) {
            List<String> problems = errors.stream()
                    .map(e -> (e.getInstanceLocation().toString().isEmpty() ? "/" : e.getInstanceLocation()) + ": "
                            + e.getMessage())
                    .toList();
            throw new BudgetException(
                    "spec " + spec + " is not a valid Collection3DExperienceSpec: " + String.join("; ", problems));
        }
        return document;
    }

    /** The spec schema, compiled on first use. */
    private static final class SchemaHolder {
        static final Schema SCHEMA = load();

        private static Schema load() {
            try (InputStream in = BudgetSpec.class.getResourceAsStream(
                    "/dev/devskyy/budget/collection-3d-experience-spec.schema.json")) {
                JsonNode schema = Json.readFile(in.readAllBytes());
                return SchemaRegistry.withDefaultDialect(
                                SpecificationVersion.DRAFT_2020_12,
                                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                        .pathType(PathType.JSON_POINTER)
                                        .build()))
                        .getSchema(schema);
            } catch (IOException e) {
                throw new IllegalStateException("the bundled spec schema is unreadable", e);
            }
        }
    }
}
