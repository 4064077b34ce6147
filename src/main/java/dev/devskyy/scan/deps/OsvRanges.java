package dev.devskyy.scan.deps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a version falls in an OSV "affected" entry, as the OSV schema defines it: listed in
 * {@code versions}, or inside a SEMVER or ECOSYSTEM range, whose events, sorted by version, turn
 * the state on at {@code introduced} and off at {@code fixed} or past {@code last_affected}.
 */
final class OsvRanges {
    /** @param fixed the lowest fixed version above the one checked, or null */
    record Match(boolean affected, String fixed) {}

    private record Event(String kind, String version) {}

    private OsvRanges() {}

    static Match match(JsonNode affected, String version, VersionOrder order) {
        boolean hit = false;
        for (JsonNode listed : affected.path("versions")) {
            if (sameVersion(listed.asText(), version, order)) {
                hit = true;
            }
        }
        String fixed = null;
        for (JsonNode range : affected.path("ranges")) {
            String type = range.path("type").asText();
            if (!type.equals("SEMVER") && !type.equals("ECOSYSTEM")) {
                continue;
            }
            List<Event> events = events(range.path("events"), order);
            boolean inside = false;
            for (Event e : events) {
                int c = e.version().equals("0") ? 1 : order.compare(version, e.version());
                switch (e.kind()) {
                    case "introduced" -> inside |= c >= 0;
                    case "fixed" -> {
                        if (c >= 0) {
                            inside = false;
                        } else if (fixed == null || order.compare(e.version(), fixed) < 0) {
                            fixed = e.version();
                        }
                    }
                    case "last_affected" -> inside &= c <= 0;
                    default -> {}
                }
            }
            hit |= inside;
        }
        return new Match(hit, hit ? fixed : null);
    }

    private static List<Event> events(JsonNode nodes, VersionOrder order) {
        List<Event> events = new ArrayList<>();
        for (JsonNode node : nodes) {
            node.properties().forEach(f -> {
                if (f.getValue().isTextual()) {
                    events.add(new Event(f.getKey(), f.getValue().asText()));
                }
            });
        }
        events.removeIf(e -> !e.version().equals("0") && !parses(e.version(), order));
        events.sort((a, b) -> {
            if (a.version().equals("0") || b.version().equals("0")) {
                return Boolean.compare(!a.version().equals("0"), !b.version().equals("0"));
            }
            return order.compare(a.version(), b.version());
        });
        return events;
    }

    private static boolean parses(String version, VersionOrder order) {
        try {
            order.compare(version, version);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean sameVersion(String a, String b, VersionOrder order) {
        try {
            return order.same(a, b);
        } catch (IllegalArgumentException e) {
            return a.equals(b);
        }
    }
}
