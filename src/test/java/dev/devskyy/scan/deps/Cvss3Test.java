package dev.devskyy.scan.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.scan.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base scores published with well-known CVEs, as NVD computed them. */
class Cvss3Test {
    @ParameterizedTest
    @CsvSource({
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL", // CVE-2021-44228 (Log4Shell)
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM", // a typical reflected XSS
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N, 5.5, MEDIUM",
        "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9, MEDIUM",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5, HIGH",
        "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N, 1.6, LOW",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0, LOW"
    })
    void baseScoreAndBand(String vector, double score, Severity band) {
        assertThat(Cvss3.baseScore(vector)).isEqualTo(score);
        assertThat(Cvss3.severity(score)).isEqualTo(band);
    }

    @ParameterizedTest
    @CsvSource({"CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "''"})
    void incompleteOrForeignVectorsHaveNoScore(String vector) {
        assertThat(Cvss3.baseScore(vector)).isEqualTo(-1);
    }
}
