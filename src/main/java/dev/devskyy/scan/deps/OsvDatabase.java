package dev.devskyy.scan.deps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.ReadableFile;
import dev.devskyy.runtime.Json;
import dev.devskyy.scan.ScanException;
import dev.devskyy.scan.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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
public final class OsvDatabase {
    private static final Set<String> ECOSYSTEMS = Set.of("npm", "PyPI", "Maven");

    /** One affected package of one record: the version ranges and listed versions it applies to. */
    private record Affected(String id, List<String> aliases, String summary, Severity severity, JsonNode entry) {}

    private final Map<String, List<Affected>> byPackage;
    private final int records;

    private OsvDatabase(Map<String, List<Affected>> byPackage, int records) {
        this.byPackage = byPackage;
        this.records = records;
    }

    /** How many records the database holds, about any package. */
    public int records() {
        return records;
    }

    /** Records larger than this, loose or in an archive, are refused. */
    static final long MAX_RECORD = 16L << 20;

    /** An archive larger than this is refused before it is read. */
    static final long MAX_ARCHIVE = 4L << 30;

    /** @param wanted {@link #key} of every dependency found */
    public static Loader loader(Set<String> wanted) {
        return new Loader(wanted);
    }

    /**
     * Reads the files of a database's directory, keeping only records about the packages wanted.
     * The caller walks the directory, so that it is walked like a scan target (no link followed).
     */
    public static final class Loader {
        private final Set<String> wanted;
        private final Map<String, List<Affected>> byPackage = new HashMap<>();
        private int records;

        private Loader(Set<String> wanted) {
            this.wanted = wanted;
        }

        /**
         * One file of the directory: an OSV record ({@code .json}) or an archive of them ({@code
         * .zip}); any other file is passed over.
         *
         * @throws ScanException for a file that is not an OSV record, or an archived record over 16 MiB
         */
        public void read(OpenDirectory directory, Path fileName, String displayPath) throws IOException {
            String name = fileName.toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                try (ReadableFile file = directory.file(fileName, MAX_RECORD)) {
                    add(new ByteArrayInputStream(file.readAll()), displayPath);
                }
            } else if (name.endsWith(".zip")) {
                try (ReadableFile file = directory.file(fileName, MAX_ARCHIVE);
                        ZipInputStream zip = new ZipInputStream(file.stream())) {
                    for (ZipEntry record; (record = zip.getNextEntry()) != null; ) {
                        if (record.isDirectory() || !record.getName().endsWith(".json")) {
                            continue;
                        }
                        byte[] data = zip.readNBytes((int) MAX_RECORD + 1);
                        String source = displayPath + "!" + record.getName();
                        if (data.length > MAX_RECORD) {
                            throw new ScanException("OSV record " + source + " is over 16 MiB");
                        }
                        add(new ByteArrayInputStream(data), source);
                    }
                }
            }
        }

        /** The records read so far. */
        public OsvDatabase database() {
            return new OsvDatabase(byPackage, records);
        }

        private void add(InputStream in, String source) {
            JsonNode record;
            try {
                record = Json.readFile(in);
            } catch (IOException e) {
                throw new ScanException("OSV record " + source + " is " + ScanException.notJson(e), e);
            }
            if (record == null || !record.path("id").isTextual()) {
                throw new ScanException("OSV record " + source + " has no id");
            }
            records++;
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
    }

    /** The lookup key of a package, or null for an ecosystem the deps check does not read. */
    public static String key(String ecosystem, String name) {
        if (!ECOSYSTEMS.contains(ecosystem) || name.isEmpty()) {
            return null;
        }
        return ecosystem + ":" + ("PyPI".equals(ecosystem) ? Manifests.normalizePypi(name) : name);
    }

    /** The advisories that affect this dependency, with the first fixed version above it if one is known. */
    public List<Advisory> advisories(Dependency dependency) {
        List<Affected> candidates = byPackage.getOrDefault(key(dependency.ecosystem(), dependency.name()), List.of());
        VersionOrder order = VersionOrder.of(dependency.ecosystem());
        List<Advisory> out = new ArrayList<>();
        for (Affected a : candidates) {
            OsvRanges.Match match = OsvRanges.match(a.entry(), dependency.version(), order);
            if (match.affected() && out.stream().noneMatch(o -> o.id().equals(a.id()))) {
                out.add(new Advisory(
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
