package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where results of calls made with an idempotency key are kept, so that a repeated call replays
 * instead of repeating its side effects: on disk for one machine ({@link IdempotencyStore}), in
 * PostgreSQL for every instance that shares it ({@link PostgresState}).
 *
 * <p><b>Scope.</b> An entry belongs to (tool, key, caller scope): the actor, its permissions, its
 * roots, its hosts and the call's metadata. Its name is an HMAC of all of them under the
 * installation secret ({@link #entryId}), so a caller with any other scope never finds it and runs
 * the tool afresh, under its own checks.
 */
public interface Idempotency {
    /** A successful output stored under a key, with the keyed fingerprint of the arguments that made it. */
    record Stored(String argumentsHmac, ToolOutput output) {}

    /** The entry of one (tool, key, scope), held exclusively until closed. */
    interface Slot extends AutoCloseable {
        /** The live entry, if any; an expired one is deleted. */
        Optional<Stored> find();

        /** Stores whole: a reader finds the entry complete or not at all. */
        void put(Stored stored);

        /** Releases the entry. */
        @Override
        void close();
    }

    /** The secret of the installation, which also keys the audit log's fingerprints. */
    InstallationSecret secret();

    /**
     * Waits until no other thread, process or instance holds this request's entry for {@code tool},
     * then holds it.
     *
     * @throws java.util.concurrent.CancellationException when the request is cancelled while waiting
     * @throws ToolError E5004 when the store cannot be used
     */
    Slot claim(String tool, ToolCallRequest request);

    /** The name of the entry {@code request} may find: the HMAC of its whole scope. */
    static String entryId(InstallationSecret secret, String tool, ToolCallRequest request) throws IOException {
        ObjectNode name = Json.object();
        name.put("tool", tool);
        name.put("key", request.idempotencyKey());
        name.put("actor", request.actor());
        Grants grants = request.grants();
        ArrayNode permissions = name.putArray("permissions");
        grants.permissions().stream().map(ToolPermission::wireName).sorted().forEach(permissions::add);
        ArrayNode roots = name.putArray("roots");
        grants.roots().stream().map(Path::toString).sorted().forEach(roots::add);
        ArrayNode hosts = name.putArray("hosts");
        grants.hosts().stream().sorted().forEach(hosts::add);
        ObjectNode metadata = name.putObject("metadata");
        new TreeMap<>(request.metadata()).forEach(metadata::put);
        // the key is only ever hashed, so it never reaches the disk or the database
        return secret.hmacHex("devskyy idempotency entry", Json.canonical(name));
    }
}
