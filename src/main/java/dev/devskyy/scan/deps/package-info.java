/**
 * The scan's deps check: {@link dev.devskyy.scan.deps.Manifests} reads the pinned versions of
 * requirements*.txt, package-lock.json, package.json and pom.xml; {@link
 * dev.devskyy.scan.deps.OsvDatabase} matches them against an offline OSV database by OSV's ranges
 * and each ecosystem's own version order (SemVer for npm, PEP 440 for PyPI, Maven's), weighing an
 * advisory by its CVSS v3 score where it names no severity. Package-private but for what {@code
 * Scan} calls; it speaks the scan's {@code Severity} and {@code ScanException}, and imports {@code io}
 * and {@link dev.devskyy.runtime.Json}, nothing else of the runtime.
 */
package dev.devskyy.scan.deps;
