package dev.devskyy.scan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one scan found and counted.
 *
 * @param skipped files passed over, by reason, every reason present
 * @param suppressed findings not reported, by reason: inline, baseline
 * @param rules the secrets and code rules that ran
 * @param git what a git history or staged scan read; null for a scan of files
 */
record ScanResult(
        List<Finding> findings,
        List<Rule> rules,
        long filesScanned,
        long bytesScanned,
        Map<SkipReason, Long> skipped,
        Map<String, Long> suppressed,
        Dependencies dependencies,
        Set<Category> checks,
        Severity failOn,
        long durationMillis,
        Git git) {

    /**
     * What a scan of git read.
     *
     * @param staged the staged changes, not history
     * @param commits commits read (0 for staged changes)
     */
    record Git(boolean staged, int commits) {}

    /**
     * What the deps check saw.
     *
     * @param checked false when no OSV database was given: then nothing was matched
     * @param manifestsTooLarge manifests over the size limit, which were not read
     * @param unresolved pinned versions the ecosystem's order could not parse
     */
    record Dependencies(
            boolean checked,
            int manifests,
            int manifestsTooLarge,
            int packages,
            int unpinned,
            int unresolved,
            int advisoryRecords) {}

    /** The platform's security score: 100 − Σ severity weights, floor 0. */
    int securityScore() {
        int total = 0;
        for (Finding f : findings) {
            total += f.severity().weight();
        }
        return Math.max(0, 100 - total);
    }

    long count(Category category) {
        return findings.stream().filter(f -> f.category() == category).count();
    }

    long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    boolean failed() {
        return findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
