package dev.devskyy.mcp;

import dev.devskyy.runtime.Caller;
import java.util.function.Supplier;

/**
 * Who sent a request and how to reach them: the outbox for its answer and notifications, the
 * conversation its id is unique in ({@link Calls}: two HTTP clients may both send id 1), and the
 * caller a transport authenticated (null on stdio, where the server's own caller from its options
 * applies).
 */
record Peer(Outbox outbox, Object conversation, Caller caller) {
    /** The actor a transport authenticated; null on stdio, where the host is the only client. */
    String actor() {
        return caller == null ? null : caller.actor();
    }

    /**
     * Whether a request may act as {@code actor}, the one its {@code _meta} names (null for none):
     * over HTTP the token says who calls, so only as the token's own.
     */
    boolean mayActAs(String actor) {
        return actor == null || caller == null || actor.equals(caller.actor());
    }

    /**
     * Who a request acts as: the authenticated caller, or on stdio the server's own ({@code
     * server}), narrowed to the actor its {@code _meta} names (null for none).
     */
    Caller callerFor(String actor, Supplier<Caller> server) {
        Caller base = caller != null ? caller : server.get();
        return actor == null ? base : base.narrowedTo(actor);
    }
}
