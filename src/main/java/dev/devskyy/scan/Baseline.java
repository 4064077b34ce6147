package dev.devskyy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The findings a team has already accepted: the fingerprints of a previous report, in devskyy's
 * JSON format or its SARIF. A finding whose fingerprint is listed is counted, not reported.
 */
final class Baseline {
    static final String SARIF_FINGERPRINT = "devskyy/v1";

    private Baseline() {}

    static Set<String> read(Scan.Input file) {
        JsonNode report;
        try {
            report = Json.readFile(file.content());
        } catch (IOException e) {
            throw new ScanException("baseline " + file.name() + ": " + ScanException.notJson(e), e);
        }
        Set<String> fingerprints = new HashSet<>();
        if (report != null && report.path("findings").isArray()) {
            report.get("findings")
                    .forEach(f -> fingerprints.add(f.path("fingerprint").asText()));
        } else if (report != null && report.path("runs").isArray()) {
            for (JsonNode run : report.get("runs")) {
                run.path("results")
                        .forEach(r -> fingerprints.add(r.path("partialFingerprints")
                                .path(SARIF_FINGERPRINT)
                                .asText()));
            }
        } else {
            throw new ScanException("baseline " + file.name() + " is neither a devskyy JSON report nor its SARIF");
        }
        fingerprints.remove("");
        return fingerprints;
    }
}
