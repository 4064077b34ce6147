package dev.devskyy.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the runtime and every face need to know about one tool. Immutable; built with
 * {@link #builder(String)}, which rejects anything an MCP host or the runtime could not handle.
 */
public final class ToolSpec {
    /** Claude, OpenAI and Copilot reject dots and dashes; one bad name hides a whole tool list. */
    static final Pattern PORTABLE_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    private static final Pattern SEMVER =
            Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String version;
    private final String title;
    private final String description;
    private final ObjectNode inputSchema;
    private final ObjectNode outputSchema;
    private final Set<ToolPermission> permissions;
    private final Set<ToolPermission> permissionsWhenAsked;
    private final Duration timeout;
    private final boolean idempotent;
    private final RetryPolicy retryPolicy;
    private final boolean secretResults;
    private final boolean longRunning;
    private final Runnable preparation;
    private final ToolHandler handler;

    private ToolSpec(Builder b) {
        this.name = b.name;
        this.version = require(b.version, "version");
        this.title = require(b.title, "title");
        this.description = require(b.description, "description");
        this.inputSchema = requireObjectSchema(b.inputSchema, "inputSchema");
        this.outputSchema = requireObjectSchema(b.outputSchema, "outputSchema");
        this.permissions = Collections.unmodifiableSet(EnumSet.copyOf(b.permissions));
        this.permissionsWhenAsked = Collections.unmodifiableSet(EnumSet.copyOf(b.permissionsWhenAsked));
        this.timeout = b.timeout;
        this.idempotent = b.idempotent;
        this.retryPolicy = b.retryPolicy;
        this.secretResults = b.secretResults;
        this.longRunning = b.longRunning;
        this.preparation = b.preparation;
        this.handler = Objects.requireNonNull(b.handler, "handler");
        if (!SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("tool " + name + ": version '" + version + "' is not semver");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("tool " + name + ": timeout must be positive");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    private String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("tool " + name + ": " + what + " is required");
        }
        return value;
    }

    private ObjectNode requireObjectSchema(ObjectNode schema, String what) {
        if (schema == null || !"object".equals(schema.path("type").asText())) {
            throw new IllegalArgumentException("tool " + name + ": " + what + " must have root type \"object\"");
        }
        return schema.deepCopy();
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    public ObjectNode outputSchema() {
        return outputSchema.deepCopy();
    }

    /** The schemas as held, for validators that compile them once; callers must not modify them. */
    JsonNode inputSchemaShared() {
        return inputSchema;
    }

    JsonNode outputSchemaShared() {
        return outputSchema;
    }

    public Set<ToolPermission> permissions() {
        return permissions;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean idempotent() {
        return idempotent;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Results hold secrets (e.g. decrypted text): they are never stored for idempotent replay. */
    public boolean secretResults() {
        return secretResults;
    }

    /**
     * The tool can take minutes (a whole tree, a large file): a face may run it in the background
     * and let its caller come back for the result rather than wait on the call.
     */
    public boolean longRunning() {
        return longRunning;
    }

    /**
     * Does now what every call of the tool will do first, whatever its arguments, and keeps it for
     * the calls (the scanner's keyword index): a face that knows a call is coming starts it on a
     * spare core while it reads its options. Never needed: a call does whatever is not done yet.
     */
    public void prepare() {
        preparation.run();
    }

    /**
     * What an optional argument may also need (a scan's report file): not required to call the tool,
     * checked where the resource is touched, and counted in the annotations, so that a tool which
     * can write is never advertised as read-only.
     */
    public Set<ToolPermission> permissionsWhenAsked() {
        return permissionsWhenAsked;
    }

    public ToolAnnotations annotations() {
        Set<ToolPermission> all = EnumSet.noneOf(ToolPermission.class);
        all.addAll(permissions);
        all.addAll(permissionsWhenAsked);
        return ToolAnnotations.derive(all, idempotent);
    }

    ToolHandler handler() {
        return handler;
    }

    public static final class Builder {
        private final String name;
        private String version;
        private String title;
        private String description;
        private ObjectNode inputSchema;
        private ObjectNode outputSchema;
        private final Set<ToolPermission> permissions = EnumSet.noneOf(ToolPermission.class);
        private final Set<ToolPermission> permissionsWhenAsked = EnumSet.noneOf(ToolPermission.class);
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean idempotent;
        private RetryPolicy retryPolicy = RetryPolicy.NONE;
        private boolean secretResults;
        private boolean longRunning;
        private Runnable preparation = () -> {};
        private ToolHandler handler;

        private Builder(String name) {
            if (name == null || !PORTABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "tool name '" + name + "' is not portable: it must match " + PORTABLE_NAME.pattern());
            }
            this.name = name;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder inputSchema(ObjectNode value) {
            this.inputSchema = value;
            return this;
        }

        public Builder outputSchema(ObjectNode value) {
            this.outputSchema = value;
            return this;
        }

        /** The input schema as JSON text written in the tool's code. */
        public Builder inputSchema(String json) {
            return inputSchema(builtIn(json));
        }

        /** The output schema as JSON text written in the tool's code. */
        public Builder outputSchema(String json) {
            return outputSchema(builtIn(json));
        }

        private static ObjectNode builtIn(String json) {
            try {
                if (Json.parse(json) instanceof ObjectNode schema) {
                    return schema;
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("built-in schema is not JSON", e);
            }
            throw new IllegalArgumentException("built-in schema is not a JSON object");
        }

        public Builder permissions(ToolPermission... values) {
            permissions.addAll(Set.of(values));
            return this;
        }

        /** See {@link ToolSpec#permissionsWhenAsked()}. */
        public Builder permissionsWhenAsked(ToolPermission... values) {
            permissionsWhenAsked.addAll(Set.of(values));
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder idempotent(boolean value) {
            this.idempotent = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        public Builder secretResults(boolean value) {
            this.secretResults = value;
            return this;
        }

        /** See {@link ToolSpec#longRunning()}. */
        public Builder longRunning(boolean value) {
            this.longRunning = value;
            return this;
        }

        /** See {@link ToolSpec#prepare()}. */
        public Builder preparation(Runnable value) {
            this.preparation = Objects.requireNonNull(value, "preparation");
            return this;
        }

        public Builder handler(ToolHandler value) {
            this.handler = value;
            return this;
        }

        public ToolSpec build() {
            return new ToolSpec(this);
        }
    }
}
