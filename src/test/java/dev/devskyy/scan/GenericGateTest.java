package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generic rules on a labelled set of generic secrets and look-alike values
 * (src/test/resources/scan/generic-gate/, README there): recall and false positives must not
 * regress from the figures the gate was chosen by.
 */
class GenericGateTest {
    /** Measured when the gate was chosen (README); a change that loses any fails here. */
    static final int MIN_FOUND = 165;

    static final int MAX_FALSE_ALARMS = 3;

    record Example(boolean secret, String kind, String file, String line) {}

    static List<Example> examples() throws IOException {
        try (InputStream in = GenericGateTest.class.getResourceAsStream("/scan/generic-gate/labelled.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .map(l -> l.split("\t", 4))
                    .map(f -> new Example(f[0].equals("secret"), f[1], f[2], f[3]))
                    .toList();
        }
    }

    static boolean genericFinds(Example example) {
        return RuleExamplesTest.scan(example.file(), example.line()).stream()
                .anyMatch(f -> f.ruleId().startsWith("generic-"));
    }

    @Test
    void recallAndFalseAlarmsDoNotRegress() throws IOException {
        List<Example> all = examples();
        Map<String, Integer> missed = new TreeMap<>();
        Map<String, Integer> falseAlarms = new TreeMap<>();
        List<String> alarmLines = new ArrayList<>();
        int found = 0;
        int secrets = 0;
        for (Example example : all) {
            boolean hit = genericFinds(example);
            if (example.secret()) {
                secrets++;
                found += hit ? 1 : 0;
                if (!hit) {
                    missed.merge(example.kind(), 1, Integer::sum);
                }
            } else if (hit) {
                falseAlarms.merge(example.kind(), 1, Integer::sum);
                alarmLines.add(example.line());
            }
        }
        int alarms = falseAlarms.values().stream().mapToInt(Integer::intValue).sum();
        String figures = "found " + found + "/" + secrets + " (missed " + missed + "), false alarms " + alarms + "/"
                + (all.size() - secrets) + " " + falseAlarms + ": " + alarmLines;
        assertThat(found).as(figures).isGreaterThanOrEqualTo(MIN_FOUND);
        assertThat(alarms).as(figures).isLessThanOrEqualTo(MAX_FALSE_ALARMS);
    }
}
