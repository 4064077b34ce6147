package dev.devskyy.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finding identities for baselines and SARIF: a hash of the rule, the file and the matched text,
 * never of the line number, so a finding keeps its fingerprint when lines are added above it. The
 * n-th identical match in a file gets {@code :n}.
 */
final class Fingerprints {
    private Fingerprints() {}

    static String of(String ruleId, String path, String text, int occurrence) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : new String[] {ruleId, path, text}) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        byte[] digest = sha.digest();
        return HexFormat.of().formatHex(digest, 0, 16) + ":" + occurrence;
    }
}
