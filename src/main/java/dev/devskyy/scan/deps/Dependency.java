package dev.devskyy.scan.deps;

/**
 * One pinned package a manifest names.
 *
 * @param ecosystem as OSV names it: npm, PyPI or Maven
 * @param name Maven packages as groupId:artifactId
 */
public record Dependency(String ecosystem, String name, String version, String path, int line) {
    /** The package as reports show it and fingerprints hash it: {@code npm:lodash@4.17.20}. */
    public String coordinates() {
        return ecosystem + ":" + name + "@" + version;
    }
}
