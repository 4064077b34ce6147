package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every resource a face can show: the runtime's own (the caller's grants, the error taxonomy, the
 * manual's pages) and those the capabilities registered (the scanner's rules), sorted by URI. A URI
 * is looked up exactly as written: nothing is decoded or resolved, so no spelling of {@code ..}
 * reaches anything that is not listed.
 */
public final class ResourceCatalogue {
    public static final String GRANTS_URI = ResourceSpec.SCHEME + "grants";
    public static final String ERRORS_URI = ResourceSpec.SCHEME + "errors";

    private final TreeMap<String, ResourceSpec> byUri = new TreeMap<>();

    private ResourceCatalogue(Collection<ResourceSpec> resources) {
        for (ResourceSpec resource : resources) {
            if (byUri.putIfAbsent(resource.uri(), resource) != null) {
                throw new IllegalArgumentException("two resources at " + resource.uri());
            }
        }
    }

    public static ResourceCatalogue of(ToolRegistry registry) {
        List<ResourceSpec> all = new ArrayList<>(registry.resources());
        all.add(new ResourceSpec(
                GRANTS_URI,
                "grants",
                "What this caller may do",
                "The permissions, root directories and hosts granted to the caller (as the actor its request "
                        + "names), and the permissions it lacks: read it before calling a tool that needs one.",
                "application/json",
                true,
                GrantsDocument::of));
        all.add(ResourceSpec.shared(
                ERRORS_URI,
                "errors",
                "Error codes",
                "Every code a tool result may carry (E4xxx: fix the request; E5xxx: devskyy failed; E6xxx: "
                        + "something outside failed), and whether retrying can help.",
                "application/json",
                caller -> ErrorCatalogue.json()));
        all.addAll(DocPages.bundled().resources());
        return new ResourceCatalogue(all);
    }

    /** Sorted by URI. */
    public Collection<ResourceSpec> list() {
        return byUri.values();
    }

    public Optional<ResourceSpec> find(String uri) {
        return Optional.ofNullable(byUri.get(uri));
    }

    /** The MCP {@code ResourceTemplate}s: URIs a model may build itself. */
    public List<ObjectNode> templates() {
        return List.of(DocPages.template());
    }
}
