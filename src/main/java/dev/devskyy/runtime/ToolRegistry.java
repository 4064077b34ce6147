package dev.devskyy.runtime;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.TreeMap;

/** The tools a process offers, kept sorted by name so every listing is deterministic. */
public final class ToolRegistry {
    private final TreeMap<String, ToolSpec> tools = new TreeMap<>();

    /** Adds a tool; a second tool of the same name is a programming error, never a silent override. */
    public synchronized ToolRegistry register(ToolSpec spec) {
        if (tools.containsKey(spec.name())) {
            throw new IllegalArgumentException("a tool named '" + spec.name() + "' is already registered");
        }
        tools.put(spec.name(), spec);
        return this;
    }

    public synchronized Optional<ToolSpec> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** All tools, sorted by name. */
    public synchronized Collection<ToolSpec> list() {
        return Collections.unmodifiableCollection(new TreeMap<>(tools).values());
    }
}
