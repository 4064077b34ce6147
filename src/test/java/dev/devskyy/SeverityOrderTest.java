package dev.devskyy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.csp.CspFinding;
import dev.devskyy.scan.Severity;
import org.junit.jupiter.api.Test;

/**
 * The scan's and the CSP check's severities order alike. Capabilities do not import each other, so
 * neither enum can name the other's order; each declares its constants least severe first, and
 * this test holds them to it.
 */
class SeverityOrderTest {
    @Test
    void bothAreDeclaredLeastSevereFirst() {
        assertThat(Severity.values()).containsExactly(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);
        assertThat(CspFinding.Severity.values())
                .containsExactly(
                        CspFinding.Severity.INFO,
                        CspFinding.Severity.LOW,
                        CspFinding.Severity.MEDIUM,
                        CspFinding.Severity.HIGH);
    }

    @Test
    void theSeveritiesBothHaveCompareTheSameWay() {
        int shared = 0;
        for (Severity a : Severity.values()) {
            for (Severity b : Severity.values()) {
                CspFinding.Severity x = csp(a);
                CspFinding.Severity y = csp(b);
                if (x != null && y != null) {
                    shared++;
                    assertThat(Integer.signum(x.compareTo(y)))
                            .as(a + " against " + b)
                            .isEqualTo(Integer.signum(a.compareTo(b)));
                    assertThat(x.atLeast(y)).as(a + " at least " + b).isEqualTo(a.compareTo(b) >= 0);
                }
            }
        }
        assertThat(shared).as("pairs of low, medium and high").isEqualTo(9);
    }

    private static CspFinding.Severity csp(Severity severity) {
        for (CspFinding.Severity s : CspFinding.Severity.values()) {
            if (s.name().equals(severity.name())) {
                return s;
            }
        }
        return null;
    }
}
