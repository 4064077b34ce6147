package dev.devskyy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.io.IoFailure;
import dev.devskyy.io.Printable;
import dev.devskyy.io.ReadableFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An offline OSV database: a directory of OSV JSON records, as loose files or in the
 * per-ecosystem {@code all.zip} archives osv-scanner downloads. Only records about packages the
 * scan found are kept in memory.
 */
final class OsvDatabase {
    private static final Set<String> ECOSYSTEMS = Set.of("npm", "PyPI", "Maven");

    /** One affected package of one record: the version ranges and listed versions it applies to. */
    private record Affected(String id, List<String> aliases, String summary, Severity severity, JsonNode entry) {}

    private final Map<String, List<Affected>> byPackage;
    private final int records;

    private OsvDatabase(Map<String, List<Affected>> byPackage, int records) {
        this.byPackage = byPackage;
        this.records = records;
    }

    int records() {
        return records;
    }

    /** Records larger than this, loose or in an archive, are refused. */
    static final long MAX_RECORD = 16L << 20;

    /** An archive larger than this is refused before it is read. */
    static final long MAX_ARCHIVE = 4L << 30;

    /**
     * @param dir the database's directory, walked like a scan target (no link followed)
     * @param wanted ecosystem + ":" + package name of every dependency found
     */
    static OsvDatabase load(Scan.Target dir, Set<String> wanted) {
        Map<String, List<Affected>> byPackage = new HashMap<>();
        int[] count = {0};
        try {
            FileTree.walk(dir, false, NOTHING_SKIPPED, () -> false, entry -> {
                try {
                    read(entry, wanted, byPackage, count);
                } catch (IOException e) {
                    throw new ScanException("cannot read the OSV record " + Printable.of(entry.displayPath(), 240)
                            + ": " + IoFailure.reasonOf(e));
                } finally {
                    try {
                        entry.directory().close();
                    } catch (IOException e) {
                        // nothing left to lose
                    }
                }
            });
        } catch (IOException e) {
            throw new ScanException("cannot read the OSV database " + dir.display(), e);
        }
        return new OsvDatabase(byPackage, count[0]);
    }

    private static void read(
            FileTree.Entry entry, Set<String> wanted, Map<String, List<Affected>> byPackage, int[] count)
            throws IOException {
        String name = entry.name().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            try (ReadableFile file = entry.directory().file(entry.name(), MAX_RECORD)) {
                add(new ByteArrayInputStream(file.readAll()), entry.displayPath(), wanted, byPackage, count);
            }
        } else if (name.endsWith(".zip")) {
            try (ReadableFile file = entry.directory().file(entry.name(), MAX_ARCHIVE);
                    ZipInputStream zip = new ZipInputStream(file.stream())) {
                for (ZipEntry record; (record = zip.getNextEntry()) != null; ) {
                    if (record.isDirectory() || !record.getName().endsWith(".json")) {
                        continue;
                    }
                    byte[] data = zip.readNBytes((int) MAX_RECORD + 1);
                    String source = entry.displayPath() + "!" + record.getName();
                    if (data.length > MAX_RECORD) {
                        throw new ScanException("OSV record " + source + " is over 16 MiB");
                    }
                    add(new ByteArrayInputStream(data), source, wanted, byPackage, count);
                }
            }
        }
    }

    private static final FileTree.Skips NOTHING_SKIPPED = new FileTree.Skips() {
        @Override
        public void ignored() {}

        @Override
        public void unreadable() {}

        @Override
        public void notRegular() {}
    };

    private static void add(
            InputStream in, String source, Set<String> wanted, Map<String, List<Affected>> byPackage, int[] count) {
        JsonNode record;
        try {
            record = RuleSet.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ScanException("OSV record " + source + " is " + RuleSet.syntaxError(e), e);
        }
        if (record == null || !record.path("id").isTextual()) {
            throw new ScanException("OSV record " + source + " has no id");
        }
        count[0]++;
        if (record.hasNonNull("withdrawn")) {
            return;
        }
        List<String> aliases = new ArrayList<>();
        record.path("aliases").forEach(a -> aliases.add(a.asText()));
        for (JsonNode affected : record.path("affected")) {
            String key = key(
                    affected.path("package").path("ecosystem").asText(),
                    affected.path("package").path("name").asText());
            if (key != null && wanted.contains(key)) {
                byPackage
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Affected(
                                record.get("id").asText(),
                                List.copyOf(aliases),
                                record.path("summary")
                                        .asText(record.path("details").asText("")),
                                severity(record, affected),
                                affected));
            }
        }
    }

    /** The lookup key of a package, or null for an ecosystem the deps check does not read. */
    static String key(String ecosystem, String name) {
        if (!ECOSYSTEMS.contains(ecosystem) || name.isEmpty()) {
            return null;
        }
        return ecosystem + ":" + ("PyPI".equals(ecosystem) ? Manifests.normalizePypi(name) : name);
    }

    /** The advisories that affect this dependency, with the first fixed version above it if one is known. */
    List<Finding.Advisory> advisories(Dependency dependency) {
        List<Affected> candidates = byPackage.getOrDefault(key(dependency.ecosystem(), dependency.name()), List.of());
        VersionOrder order = VersionOrder.of(dependency.ecosystem());
        List<Finding.Advisory> out = new ArrayList<>();
        for (Affected a : candidates) {
            OsvRanges.Match match = OsvRanges.match(a.entry(), dependency.version(), order);
            if (match.affected() && out.stream().noneMatch(o -> o.id().equals(a.id()))) {
                out.add(new Finding.Advisory(
                        a.id(),
                        a.aliases(),
                        dependency.ecosystem(),
                        dependency.name(),
                        dependency.version(),
                        match.fixed(),
                        a.summary(),
                        a.severity()));
            }
        }
        return out;
    }

    /**
     * GitHub's database_specific severity where present, else the highest CVSS v3 base score,
     * else high: a known vulnerability of unknown weight should still stop a build.
     */
    private static Severity severity(JsonNode record, JsonNode affected) {
        for (JsonNode node : List.of(
                record.path("database_specific").path("severity"),
                affected.path("database_specific").path("severity"),
                affected.path("ecosystem_specific").path("severity"))) {
            if (node.isTextual()) {
                switch (node.asText().toUpperCase(Locale.ROOT)) {
                    case "CRITICAL":
                        return Severity.CRITICAL;
                    case "HIGH":
                        return Severity.HIGH;
                    case "MODERATE", "MEDIUM":
                        return Severity.MEDIUM;
                    case "LOW":
                        return Severity.LOW;
                    default:
                        break;
                }
            }
        }
        double best = -1;
        for (JsonNode s : record.path("severity")) {
            best = Math.max(best, Cvss3.baseScore(s.path("score").asText()));
        }
        return best >= 0 ? Cvss3.severity(best) : Severity.HIGH;
    }
}
