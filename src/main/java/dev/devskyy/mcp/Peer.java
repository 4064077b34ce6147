package dev.devskyy.mcp;

import dev.devskyy.runtime.Caller;

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
}
