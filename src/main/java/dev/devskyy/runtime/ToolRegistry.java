package dev.devskyy.runtime;

import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tools a process offers, and the prompts and resources its capabilities add, each kept
 * sorted by name (resources by URI) so every listing is deterministic.
 */
public final class ToolRegistry {
    private final TreeMap<String, ToolSpec> tools = new TreeMap<>();
    private final TreeMap<String, PromptSpec> prompts = new TreeMap<>();
    private final TreeMap<String, ResourceSpec> resources = new TreeMap<>();
    private AccessTokens.Factory accessTokens;

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

    /** Adds a prompt; a second prompt of the same name is a programming error. */
    public synchronized ToolRegistry register(PromptSpec prompt) {
        if (prompts.putIfAbsent(prompt.name(), prompt) != null) {
            throw new IllegalArgumentException("a prompt named '" + prompt.name() + "' is already registered");
        }
        return this;
    }

    /** Adds a resource; a second resource at the same URI is a programming error. */
    public synchronized ToolRegistry register(ResourceSpec resource) {
        if (resources.putIfAbsent(resource.uri(), resource) != null) {
            throw new IllegalArgumentException("a resource at '" + resource.uri() + "' is already registered");
        }
        return this;
    }

    /** Sets how bearer tokens are verified when serving over HTTP; once only. */
    public synchronized ToolRegistry register(AccessTokens.Factory factory) {
        if (accessTokens != null) {
            throw new IllegalArgumentException("an access-token verifier is already registered");
        }
        accessTokens = factory;
        return this;
    }

    /** The verifier of tokens from {@code issuers}, or {@link AccessTokens#NONE} when none are trusted. */
    public synchronized AccessTokens accessTokens(List<String> issuers, URI resource, Grants fetch) {
        if (issuers.isEmpty() || accessTokens == null) {
            return AccessTokens.NONE;
        }
        return accessTokens.create(issuers, resource, fetch);
    }

    /** All prompts, sorted by name. */
    public synchronized Collection<PromptSpec> prompts() {
        return Collections.unmodifiableCollection(new TreeMap<>(prompts).values());
    }

    /** The resources the capabilities added, sorted by URI (the runtime's own: {@link ResourceCatalogue}). */
    public synchronized Collection<ResourceSpec> resources() {
        return Collections.unmodifiableCollection(new TreeMap<>(resources).values());
    }
}
