package dev.devskyy.scan.deps;

import dev.devskyy.scan.Severity;
import java.util.HashMap;
import java.util.Map;

/** The CVSS v3.0/v3.1 base score of a vector string, by the specification's formulas. */
final class Cvss3 {
    private Cvss3() {}

    /** The base score, or -1 when the vector is not a complete CVSS v3 base vector. */
    static double baseScore(String vector) {
        if (vector == null || !vector.startsWith("CVSS:3.")) {
            return -1;
        }
        Map<String, String> m = new HashMap<>();
        for (String part : vector.split("/")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                m.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        try {
            boolean changed = "C".equals(m.get("S"));
            double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
            double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44);
            double pr = changed
                    ? pick(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5)
                    : pick(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
            double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62);
            double c = pick(m.get("C"), "H", 0.56, "L", 0.22, "N", 0);
            double i = pick(m.get("I"), "H", 0.56, "L", 0.22, "N", 0);
            double a = pick(m.get("A"), "H", 0.56, "L", 0.22, "N", 0);
            if (!m.containsKey("S") || !(changed || "U".equals(m.get("S")))) {
                return -1;
            }
            double iss = 1 - (1 - c) * (1 - i) * (1 - a);
            double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
            double exploitability = 8.22 * av * ac * pr * ui;
            if (impact <= 0) {
                return 0;
            }
            return changed
                    ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
                    : roundUp(Math.min(impact + exploitability, 10));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Severity bands of the specification: 9.0 critical, 7.0 high, 4.0 medium, else low. */
    static Severity severity(double score) {
        if (score >= 9.0) {
            return Severity.CRITICAL;
        }
        if (score >= 7.0) {
            return Severity.HIGH;
        }
        return score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
    }

    private static double pick(String value, Object... table) {
        for (int k = 0; k < table.length; k += 2) {
            if (table[k].equals(value)) {
                return ((Number) table[k + 1]).doubleValue();
            }
        }
        throw new IllegalArgumentException("metric value " + value);
    }

    /** CVSS v3.1's Roundup: the smallest one-decimal number not below the input, free of float error. */
    private static double roundUp(double value) {
        long scaled = Math.round(value * 100000);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.floor(scaled / 10000.0) + 1) / 10.0;
    }
}
