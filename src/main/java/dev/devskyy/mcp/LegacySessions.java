package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sessions of 2025-11-25 clients over HTTP: {@code initialize} opens one and names it in
 * {@code Mcp-Session-Id}, every later request names it. A session is bound to the actor whose token
 * opened it: another caller who learns its id finds no such session. They live in this instance
 * (a load balancer must keep a legacy client on one instance); 2026-07-28 clients need none.
 */
final class LegacySessions {
    static final String HEADER = "Mcp-Session-Id";
    static final int MAX = 1024;
    static final Duration IDLE = Duration.ofMinutes(30);
    /** Sessions one actor holds at once; a new one ends its least recently used (it hurts only itself). */
    static final int MAX_PER_ACTOR = 16;

    /**
     * Where a request goes: a status other than 200 refuses it, saying why; a null conversation is
     * none (the stateless one serves it).
     */
    record Found(int status, String why, Conversation conversation, String created) {}

    private static final class Entry {
        final Conversation conversation;
        final String actor;
        volatile long lastUsed = System.nanoTime();

        Entry(Conversation conversation, String actor) {
            this.conversation = conversation;
            this.actor = actor;
        }
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Supplier<Conversation> newConversation;

    LegacySessions(Supplier<Conversation> newConversation) {
        this.newConversation = newConversation;
    }

    /** The conversation a legacy request belongs to: a new one for {@code initialize} without a session. */
    Found find(HttpExchange exchange, JsonNode message, String actor) {
        String id = exchange.getRequestHeaders().getFirst(HEADER);
        if (id == null) {
            // without a session, only initialize opens one; anything else is served as outside any
            // session (server/discover answers, a legacy method is not initialized)
            boolean initialize = "initialize".equals(message.path("method").asText()) && message.has("id");
            return initialize ? open(actor) : new Found(200, null, null, null);
        }
        Entry entry = sessions.get(id);
        if (entry == null || !entry.actor.equals(actor)) {
            return new Found(404, "Session not found: it ended or was never opened; initialize again", null, null);
        }
        entry.lastUsed = System.nanoTime();
        return new Found(200, null, entry.conversation, null);
    }

    /** {@code DELETE}: the client ends its session. */
    boolean end(String id, String actor) {
        Entry entry = sessions.get(id);
        return entry != null && entry.actor.equals(actor) && sessions.remove(id, entry);
    }

    private synchronized Found open(String actor) {
        long now = System.nanoTime();
        sessions.values().removeIf(e -> now - e.lastUsed > IDLE.toNanos());
        List<Map.Entry<String, Entry>> own = sessions.entrySet().stream()
                .filter(e -> e.getValue().actor.equals(actor))
                .sorted(Comparator.comparingLong(e -> e.getValue().lastUsed))
                .toList();
        for (int i = 0; i <= own.size() - MAX_PER_ACTOR; i++) {
            sessions.remove(own.get(i).getKey(), own.get(i).getValue());
        }
        if (sessions.size() >= MAX) {
            return new Found(503, "Service unavailable: too many open sessions; retry later", null, null);
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Entry entry = new Entry(newConversation.get(), actor);
        sessions.put(id, entry);
        return new Found(200, null, entry.conversation, id);
    }
}
