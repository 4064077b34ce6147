package dev.devskyy.scan.deps;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's version order, as OSV's Maven ranges mean it: Maven's own ComparableVersion (qualifiers
 * alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; release = ga = final &lt; sp, numbers
 * after qualifiers, trailing zeros ignored), not a copy of its rules that could drift from it.
 */
final class MavenOrder implements VersionOrder {
    @Override
    public int compare(String a, String b) {
        return version(a).compareTo(version(b));
    }

    private static ComparableVersion version(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty Maven version");
        }
        return new ComparableVersion(text.strip());
    }
}
