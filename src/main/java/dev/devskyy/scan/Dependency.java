package dev.devskyy.scan;

/**
 * One pinned package a manifest names.
 *
 * @param ecosystem as OSV names it: npm, PyPI or Maven
 * @param name Maven packages as groupId:artifactId
 */
record Dependency(String ecosystem, String name, String version, String path, int line) {}
