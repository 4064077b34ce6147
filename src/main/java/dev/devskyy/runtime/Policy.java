package dev.devskyy.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    /** Six built-ins and a platform's own few; a file of more is a mistake, not a policy. */
    static final int MAX_AGENTS = 64;
    /** A description is one line of a listing. */
    static final int MAX_DESCRIPTION = 200;
    /** Instructions are a prompt a model reads whole, not a manual. */
    static final int MAX_INSTRUCTIONS = 8 << 10;

    private static final Set<String> TOP_LEVEL = Set.of("version", "actors", "agents", "oauth_issuers");
    private static final Set<String> ACTOR_MEMBERS = Set.of("permissions", "roots", "hosts");
    private static final Set<String> AGENT_MEMBERS = Set.of("description", "instructions", "permissions", "tools");

    private final Path file;
    private final Map<String, Grants> actors;
    private final List<AgentProfile> agents;
    private final List<String> oauthIssuers;

    private Policy(Path file, Map<String, Grants> actors, List<AgentProfile> agents, List<String> oauthIssuers) {
        this.file = file;
        this.actors = Map.copyOf(actors);
        this.agents = List.copyOf(agents);
        this.oauthIssuers = List.copyOf(oauthIssuers);
    }

    /** The authorization servers whose tokens {@code serve --http} accepts, besides its --oauth-issuer ones. */
    public List<String> oauthIssuers() {
        return oauthIssuers;
    }

    /** The grants of {@code actor}, if the policy names it. */
    public Optional<Grants> grantsFor(String actor) {
        return Optional.ofNullable(actors.get(actor));
    }

    /** The file this policy was read from, for messages about it. */
    public Path file() {
        return file;
    }

    /**
     * The agent profiles the file defines, in file order: each redefines the built-in of its name
     * or adds a new one (see {@link AgentProfiles}). Tool names are checked there, against the
     * registry.
     */
    public List<AgentProfile> agents() {
        return agents;
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
        return new Policy(file, actors, readAgents(file, root.get("agents")), readIssuers(file, root));
    }

    private static List<String> readIssuers(Path file, JsonNode root) {
        List<String> issuers = strings(file, root, "oauth_issuers", "");
        for (int i = 0; i < issuers.size(); i++) {
            if (!AccessTokens.isIssuerUrl(issuers.get(i))) {
                // not quoted: a URL with a user or a query may carry a password or a client secret
                throw invalid(
                        file,
                        "/oauth_issuers/" + i
                                + " is not an https URL (or plain http to an IP address) without user, query or fragment");
            }
        }
        return issuers;
    }

    private static List<AgentProfile> readAgents(Path file, JsonNode agentsNode) {
        if (agentsNode == null) {
            return List.of();
        }
        if (!agentsNode.isObject()) {
            throw invalid(file, "\"agents\" must be an object of agent names");
        }
        if (agentsNode.size() > MAX_AGENTS) {
            throw invalid(file, "\"agents\" names " + agentsNode.size() + " agents; at most " + MAX_AGENTS);
        }
        List<AgentProfile> agents = new ArrayList<>();
        for (Map.Entry<String, JsonNode> agent : agentsNode.properties()) {
            agents.add(readAgent(file, agent.getKey(), agent.getValue()));
        }
        return agents;
    }

    private static AgentProfile readAgent(Path file, String name, JsonNode node) {
        String where = "/agents/" + name;
        if (!AgentProfile.NAME.matcher(name).matches()) {
            throw invalid(
                    file,
                    "bad agent name " + Json.compact(TextNode.valueOf(name)) + " (lower-case letters, "
                            + "digits and _, starting with a letter, at most 32)");
        }
        if (!node.isObject()) {
            throw invalid(file, where + " must be an object");
        }
        rejectUnknown(file, node, AGENT_MEMBERS, where);
        String description = text(file, node, "description", where, MAX_DESCRIPTION);
        String instructions = text(file, node, "instructions", where, MAX_INSTRUCTIONS);
        List<ToolPermission> permissions = permissions(file, node, where);
        Set<String> tools = new LinkedHashSet<>(strings(file, node, "tools", where));
        return new AgentProfile(name, description, instructions, Set.copyOf(permissions), tools);
    }

    private static String text(Path file, JsonNode node, String member, String where, int maxChars) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(file, where + "/" + member + " must be a non-empty string");
        }
        if (value.asText().length() > maxChars) {
            throw invalid(file, where + "/" + member + " is longer than " + maxChars + " characters");
        }
        return value.asText();
    }

    private static List<ToolPermission> permissions(Path file, JsonNode node, String where) {
        List<ToolPermission> permissions = new ArrayList<>();
        for (String text : strings(file, node, "permissions", where)) {
            try {
                permissions.add(ToolPermission.parse(text));
            } catch (IllegalArgumentException e) {
                throw invalid(file, where + "/permissions: " + e.getMessage());
            }
        }
        return permissions;
    }

    private static Grants readActor(Path file, Path base, String name, JsonNode node) {
        String where = "/actors/" + name;
        if (!node.isObject()) {
            throw invalid(file, where + " must be an object");
        }
        rejectUnknown(file, node, ACTOR_MEMBERS, where);
        List<ToolPermission> permissions = permissions(file, node, where);
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

    /** For {@link AgentProfiles}, which checks the agents against the registry. */
    static ToolError invalid(Path file, String problem) {
        return ToolError.of(ErrorCode.E4001, "policy " + file + ": " + problem);
    }
}
