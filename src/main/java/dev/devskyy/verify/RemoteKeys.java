package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keys an issuer publishes: a JWK set at a URL, or an issuer whose metadata names one (OAuth 2.0
 * Authorization Server Metadata, RFC 8414, or OpenID Connect Discovery 1.0). Documents are kept as
 * long as their {@code Cache-Control} allows (five minutes when it says nothing, a day at most),
 * revalidated with their {@code ETag}, and fetched again early when a token names a {@code kid}
 * the set does not hold, at most once a minute: a key rotated in is found at once, while a flood
 * of tokens with made-up kids costs the issuer one request a minute (and delays a real rotation by
 * as much). A set fetched over the network may hold no HMAC secret.
 */
final class RemoteKeys {
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofDays(1);
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 64;

    /** What a GET gave: 200 with its body, 304 when the ETag still held, or a 4xx refusal (no body). */
    record Fetched(int status, byte[] body, String cacheControl, String etag) {}

    /** Fetches a URL; {@code etag}, when not null, goes in If-None-Match. Failures are the caller's exceptions. */
    @FunctionalInterface
    interface Fetcher {
        Fetched get(String url, String etag);
    }

    /** A document devskyy cannot use: not a JSON object, or not what it claims to be. */
    static class UnusableDocument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnusableDocument(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Nothing usable at a URL: a 4xx (hosts say 403 or 405 for "not here" as well as 404), or a page
     * that is no JSON object (a site that answers every path with its home page). For issuer
     * metadata the next well-known place is tried.
     */
    static final class NotPublished extends UnusableDocument {
        private static final long serialVersionUID = 1L;

        NotPublished(String why) {
            super(why);
        }
    }

    /**
     * @param document null for a place of issuer metadata that had nothing usable ({@code refusal}
     *     says why), remembered {@link #DEFAULT_TTL} so that it is not asked again for every token
     */
    private record Entry(JsonNode document, String etag, Instant expires, String refusal) {}

    /** A document, and whether this very call fetched it (so a missing kid need not fetch it again). */
    private record Got(JsonNode document, boolean fetched) {}

    private final Clock clock;
    /** Cached documents, and when a missing kid last made each URL be fetched early: kept apart, so
     *  that a document nobody may keep (no-store) still counts its early fetches. Guarded by this. */
    private final Map<String, Entry> entries = lru();

    private final Map<String, Instant> refreshed = lru();

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    RemoteKeys(Clock clock) {
        this.clock = clock;
    }

    /**
     * The keys of the set at {@code url}; fetched again (at most once a minute) when {@code kid} is
     * not among them. The network is asked outside any lock: a slow issuer delays only its callers.
     */
    List<VerificationKey> keySet(String url, String kid, Fetcher fetcher) {
        Got got = document(url, fetcher, false);
        List<VerificationKey> keys = keys(url, got.document());
        if (kid != null && !got.fetched() && keys.stream().noneMatch(k -> kid.equals(k.kid())) && mayRefresh(url)) {
            keys = keys(url, fetch(url, fetcher, null, false).document());
        }
        return keys;
    }

    /**
     * The {@code jwks_uri} of {@code issuer}'s metadata, from the first of its {@link #metadataUrls}
     * that is published; its {@code issuer} must be exactly the one asked for (RFC 8414 §3.3, OpenID
     * Connect Discovery §4.3), or a document planted elsewhere could name other keys.
     */
    String jwksUri(String issuer, Fetcher fetcher) {
        List<String> places = metadataUrls(issuer);
        JsonNode metadata = null;
        for (int i = 0; metadata == null; i++) {
            try {
                metadata = document(places.get(i), fetcher, true).document();
            } catch (NotPublished e) {
                if (i == places.size() - 1) {
                    throw new UnusableDocument(
                            issuer + " publishes no metadata (tried " + String.join(", ", places) + ")");
                }
            }
        }
        if (!issuer.equals(metadata.path("issuer").asText(null))) {
            throw new UnusableDocument("the metadata of " + issuer + " names another issuer");
        }
        JsonNode jwks = metadata.get("jwks_uri");
        if (jwks == null || !jwks.isTextual()) {
            throw new UnusableDocument("the metadata of " + issuer + " names no jwks_uri");
        }
        return jwks.asText();
    }

    /**
     * Where an issuer's metadata may be, in the order the MCP authorization specification has
     * clients try them: RFC 8414 §3.1 puts the well-known segment between the host and the issuer's
     * path; OpenID Connect Discovery appends it, and servers that mix the two insert it as well.
     * All lie on the issuer's own host.
     */
    static List<String> metadataUrls(String issuer) {
        URI parsed = URI.create(issuer);
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String origin = parsed.getScheme() + "://" + parsed.getRawAuthority();
        if (path.isEmpty()) {
            return List.of(
                    origin + "/.well-known/oauth-authorization-server", origin + "/.well-known/openid-configuration");
        }
        return List.of(
                origin + "/.well-known/oauth-authorization-server" + path,
                origin + "/.well-known/openid-configuration" + path,
                origin + path + "/.well-known/openid-configuration");
    }

    private static List<VerificationKey> keys(String url, JsonNode set) {
        if (!set.path("keys").isArray()) {
            throw new UnusableDocument(url + " is not a JWK set (no keys array)");
        }
        List<VerificationKey> keys = VerificationKey.parseSet(set);
        if (keys.stream().anyMatch(k -> k.kty().equals("oct"))) {
            throw new UnusableDocument(
                    url + " publishes an HMAC secret: a key set fetched over the network holds public keys only");
        }
        return keys;
    }

    /** The cached document while it is fresh, else a fetch (revalidating by ETag when one is cached). */
    private Got document(String url, Fetcher fetcher, boolean metadata) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(url);
        }
        if (entry != null && clock.instant().isBefore(entry.expires())) {
            if (entry.document() == null) {
                throw new NotPublished(entry.refusal());
            }
            return new Got(entry.document(), false);
        }
        return fetch(url, fetcher, entry, metadata);
    }

    /** Whether a missing kid may fetch {@code url} now: at most once a {@link #REFETCH_INTERVAL}. */
    private synchronized boolean mayRefresh(String url) {
        Instant now = clock.instant();
        Instant last = refreshed.get(url);
        if (last != null && now.isBefore(last.plus(REFETCH_INTERVAL))) {
            return false;
        }
        refreshed.put(url, now);
        return true;
    }

    /** @param metadata a place of issuer metadata, whose refusal is remembered; a key set's is not */
    private Got fetch(String url, Fetcher fetcher, Entry entry, boolean metadata) {
        Fetched fetched = fetcher.get(url, entry == null || entry.document() == null ? null : entry.etag());
        if (fetched.status() >= 400) {
            throw nothingAt(url, url + " answered " + fetched.status(), metadata);
        }
        JsonNode document;
        if (fetched.status() == 304 && entry != null && entry.document() != null) {
            document = entry.document();
        } else {
            document = StrictJson.parse(fetched.body());
            if (document == null || !document.isObject()) {
                throw nothingAt(url, url + " did not answer with a JSON object", metadata);
            }
        }
        Duration ttl = ttl(fetched.cacheControl());
        synchronized (this) {
            if (ttl == null) {
                entries.remove(url);
            } else {
                entries.put(
                        url, new Entry(document, fetched.etag(), clock.instant().plus(ttl), null));
            }
        }
        return new Got(document, true);
    }

    /** Why {@code url} gives nothing usable; remembered when it is a place of issuer metadata. */
    private NotPublished nothingAt(String url, String why, boolean metadata) {
        if (metadata) {
            synchronized (this) {
                entries.put(url, new Entry(null, null, clock.instant().plus(DEFAULT_TTL), why));
            }
        }
        return new NotPublished(why);
    }

    /** How long a document may be used (RFC 9111 §5.2.2): null for no-store, zero for no-cache. */
    static Duration ttl(String cacheControl) {
        if (cacheControl == null) {
            return DEFAULT_TTL;
        }
        Duration ttl = DEFAULT_TTL;
        for (String part : cacheControl.split(",")) {
            String directive = part.strip().toLowerCase(Locale.ROOT);
            if (directive.equals("no-store")) {
                return null;
            }
            if (directive.equals("no-cache")) {
                ttl = Duration.ZERO;
            } else if (directive.startsWith("max-age=") && !ttl.isZero()) {
                String seconds = directive.substring("max-age=".length()).replace("\"", "");
                if (!seconds.isEmpty()
                        && seconds.length() <= 9
                        && seconds.chars().allMatch(Character::isDigit)) {
                    Duration asked = Duration.ofSeconds(Long.parseLong(seconds));
                    ttl = asked.compareTo(MAX_TTL) > 0 ? MAX_TTL : asked;
                }
            }
        }
        return ttl;
    }
}
