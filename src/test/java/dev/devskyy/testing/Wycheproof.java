package dev.devskyy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Project Wycheproof test vectors (vendored in third_party/wycheproof), one entry per test case with its group. */
public final class Wycheproof {
    /** One test case; {@code group} holds the parameters its group shares (key size, IV size…). */
    public record Case(JsonNode group, JsonNode test) {
        public int id() {
            return test.get("tcId").asInt();
        }

        public byte[] hex(String member) {
            return HexFormat.of().parseHex(test.get(member).asText());
        }

        public String result() {
            return test.get("result").asText();
        }

        @Override
        public String toString() {
            return "tcId " + id() + " " + test.path("comment").asText();
        }
    }

    private Wycheproof() {}

    /** Every case of the file; fails when the file is missing or holds fewer cases than it says. */
    public static List<Case> cases(String file) throws Exception {
        JsonNode root = Json.parse(ThirdPartyTestData.bytes("wycheproof/" + file));
        List<Case> cases = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                cases.add(new Case(group, test));
            }
        }
        if (cases.size() != root.get("numberOfTests").asInt()) {
            throw new AssertionError(file + " declares " + root.get("numberOfTests") + " tests, has " + cases.size());
        }
        return cases;
    }
}
