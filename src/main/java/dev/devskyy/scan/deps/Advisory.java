package dev.devskyy.scan.deps;

import dev.devskyy.scan.Severity;
import java.util.List;

/**
 * A known vulnerability of one dependency, from an OSV record.
 *
 * @param fixed the lowest fixed version above the dependency's, or null when none is known
 */
public record Advisory(
        String id,
        List<String> aliases,
        String ecosystem,
        String name,
        String version,
        String fixed,
        String summary,
        Severity severity) {}
