package dev.devskyy.runtime;

import java.util.Objects;

/**
 * Who is calling and what they may do. A request may name another actor (MCP {@code _meta}); that
 * actor gets at most what this caller has, so metadata can narrow the grants but never widen them.
 *
 * @param policy the policy file the grants came from, or null when there was none
 */
public record Caller(String actor, Grants grants, Policy policy) {
    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grants, "grants");
    }

    /**
     * The caller a request names: the policy's grants for {@code other}, cut down to this caller's.
     * Without a policy the name only relabels the caller; an actor the policy does not name gets
     * nothing.
     */
    public Caller narrowedTo(String other) {
        if (other.equals(actor)) {
            return this;
        }
        if (policy == null) {
            return new Caller(other, grants, null);
        }
        Grants narrowed = policy.grantsFor(other).map(grants::intersect).orElse(Grants.NONE);
        return new Caller(other, narrowed, policy);
    }
}
