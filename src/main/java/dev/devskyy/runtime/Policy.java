package dev.devskyy.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Named actors and what each is granted, read from a policy file (format: docs/policy.md). The
 * reader is strict: an unknown member or permission is an error, because a typo in a policy must
 * never silently grant or deny.
 */
public final class Policy {
    public static final String DEFAULT_ACTOR = "default";

    /** A policy of a thousand actors is a few hundred KiB. */
    private static final long MAX_FILE = 1 << 20;

    private static final Set<String> TOP_LEVEL = Set.of("version", "actors");
    private static final Set<String> ACTOR_MEMBERS = Set.of("permissions", "roots", "hosts");

    private final Map<String, Grants> actors;

    private Policy(Map<String, Grants> actors) {
        this.actors = Map.copyOf(actors);
    }

    /** The grants of {@code actor}, if the policy names it. */
    public Optional<Grants> grantsFor(String actor) {
        return Optional.ofNullable(actors.get(actor));
    }

    /**
     * Reads a policy file. Relative roots are resolved against the file's own directory, so a
     * policy committed to a repository means the same from any working directory.
     *
     * @throws ToolError E4001 naming the file and what is wrong with it
     */
    public static Policy load(Path file) {
        JsonNode root;
        try {
            root = Json.parse(BoundedRead.bytes(file, MAX_FILE));
        } catch (JsonProcessingException e) {
            throw invalid(file, "not valid JSON " + Json.where(e));
        } catch (IOException e) {
            throw invalid(file, "cannot be read: " + IoFailure.reasonOf(e));
        }
        if (!root.isObject()) {
            throw invalid(file, "the top level must be an object");
        }
        rejectUnknown(file, root, TOP_LEVEL, "");
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.intValue() == 1)) {
            throw invalid(file, "unsupported version " + version + " (this devskyy reads version 1)");
        }
        JsonNode actorsNode = root.path("actors");
        if (!actorsNode.isObject()) {
            throw invalid(file, "\"actors\" must be an object of actor names");
        }
        Path base = file.toAbsolutePath().getParent();
        Map<String, Grants> actors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> actor : actorsNode.properties()) {
            actors.put(actor.getKey(), readActor(file, base, actor.getKey(), actor.getValue()));
        }
        return new Policy(actors);
    }

    private static Grants readActor(Path file, Path base, String name, JsonNode node) {
        String where = "/actors/" + name;
        if (!node.isObject()) {
            throw invalid(file, where + " must be an object");
        }
        rejectUnknown(file, node, ACTOR_MEMBERS, where);
        List<ToolPermission> permissions = new ArrayList<>();
        for (String text : strings(file, node, "permissions", where)) {
            try {
                permissions.add(ToolPermission.parse(text));
            } catch (IllegalArgumentException e) {
                throw invalid(file, where + "/permissions: " + e.getMessage());
            }
        }
        List<Path> roots =
                strings(file, node, "roots", where).stream().map(base::resolve).toList();
        try {
            return Grants.of(permissions, roots, strings(file, node, "hosts", where));
        } catch (ToolError e) {
            throw invalid(file, where + "/roots: " + e.getMessage());
        }
    }

    private static List<String> strings(Path file, JsonNode node, String member, String where) {
        JsonNode array = node.get(member);
        if (array == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (!item.isTextual()) {
                    break;
                }
                values.add(item.asText());
            }
            if (values.size() == array.size()) {
                return values;
            }
        }
        throw invalid(file, where + "/" + member + " must be an array of strings");
    }

    private static void rejectUnknown(Path file, JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw invalid(
                        file,
                        "unknown member " + where + "/" + name + " (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static ToolError invalid(Path file, String problem) {
        return ToolError.of(ErrorCode.E4001, "policy " + file + ": " + problem);
    }
}
