package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vendored test data is the upstream data: every file matches the digest its set records. */
class ThirdPartyTestDataTest {
    @ParameterizedTest
    @ValueSource(strings = {"wycheproof", "mcp-schema", "mcp-tasks", "http-observatory"})
    void everyVendoredFileMatchesItsRecordedDigest_andKeepsItsLicence(String set) throws Exception {
        String sums = new String(ThirdPartyTestData.bytes(set + "/SHA256SUMS"), StandardCharsets.UTF_8);
        assertThat(sums.lines()).isNotEmpty();
        for (String line : sums.lines().toList()) {
            String expected = line.substring(0, 64);
            String file = line.substring(66);
            String actual =
                    HexFormat.of().formatHex(Sha256.newDigest().digest(ThirdPartyTestData.bytes(set + "/" + file)));
            assertThat(actual).as(set + "/" + file).isEqualTo(expected);
        }
        assertThat(ThirdPartyTestData.bytes(set + "/LICENSE")).isNotEmpty();
        assertThat(ThirdPartyTestData.bytes(set + "/README.md")).isNotEmpty();
    }
}
