package dev.devskyy.runtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools of a registry, each noting the permissions its calls arrive with and then running as
 * ever: a probe for faces that grant on their own (the CLI's commands), to show what they grant.
 */
public final class GrantRecorder {
    private final Map<String, Set<ToolPermission>> granted = new ConcurrentHashMap<>();

    /** The same tools, recording; the specs are copied whole, only the handler is wrapped. */
    public ToolRegistry wrap(ToolRegistry tools) {
        ToolRegistry recording = new ToolRegistry();
        for (ToolSpec spec : tools.list()) {
            ToolHandler handler = spec.handler();
            recording.register(ToolSpec.builder(spec.name())
                    .version(spec.version())
                    .title(spec.title())
                    .description(spec.description())
                    .inputSchema(spec.inputSchema())
                    .outputSchema(spec.outputSchema())
                    .permissions(spec.permissions().toArray(ToolPermission[]::new))
                    .timeout(spec.timeout())
                    .idempotent(spec.idempotent())
                    .retryPolicy(spec.retryPolicy())
                    .secretResults(spec.secretResults())
                    .handler((args, context) -> {
                        granted.put(spec.name(), context.grants().permissions());
                        return handler.run(args, context);
                    })
                    .build());
        }
        return recording;
    }

    /** The permissions of the last call to {@code tool}; null when it never ran. */
    public Set<ToolPermission> lastGranted(String tool) {
        return granted.get(tool);
    }
}
