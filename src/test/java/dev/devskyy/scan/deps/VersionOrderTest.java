package dev.devskyy.scan.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each ecosystem's own order, from its specification's examples. */
class VersionOrderTest {
    static void ascending(VersionOrder order, List<String> versions) {
        for (int i = 0; i + 1 < versions.size(); i++) {
            String a = versions.get(i);
            String b = versions.get(i + 1);
            assertThat(order.compare(a, b)).as(a + " < " + b).isNegative();
            assertThat(order.compare(b, a)).as(b + " > " + a).isPositive();
        }
    }

    @Test
    void semverPrecedenceOfTheSpecification() {
        // SemVer 2.0.0 §11
        ascending(
                new SemverOrder(),
                List.of(
                        "1.0.0-alpha",
                        "1.0.0-alpha.1",
                        "1.0.0-alpha.beta",
                        "1.0.0-beta",
                        "1.0.0-beta.2",
                        "1.0.0-beta.11",
                        "1.0.0-rc.1",
                        "1.0.0",
                        "1.9.0",
                        "1.10.0",
                        "1.11.0",
                        "2.0.0",
                        "10.0.0"));
        assertThat(new SemverOrder().compare("1.0.0+build.1", "1.0.0+build.2")).isZero();
        assertThat(new SemverOrder().compare("v1.2.3", "1.2.3")).isZero();
        assertThatThrownBy(() -> new SemverOrder().compare("1.2", "1.2.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pep440OrderOfTheSpecification() {
        // PEP 440, "Summary of permitted suffixes and relative ordering"
        ascending(
                new Pep440Order(),
                List.of(
                        "1.dev0",
                        "1.0.dev456",
                        "1.0a1",
                        "1.0a2.dev456",
                        "1.0a12.dev456",
                        "1.0a12",
                        "1.0b1.dev456",
                        "1.0b2",
                        "1.0b2.post345.dev456",
                        "1.0b2.post345",
                        "1.0rc1.dev456",
                        "1.0rc1",
                        "1.0",
                        "1.0+abc.5",
                        "1.0+abc.7",
                        "1.0+5",
                        "1.0.post456.dev34",
                        "1.0.post456",
                        "1.0.15",
                        "1.1.dev1",
                        "1!0.5"));
    }

    @ParameterizedTest
    @CsvSource({"1.0,1.0.0", "1.0c1,1.0rc1", "1.0-1,1.0.post1", "1.0alpha1,1.0a1", "1.0.DEV,1.0.dev0", "v2.0,2.0"})
    void pep440SpellingsOfOneVersion(String a, String b) {
        assertThat(new Pep440Order().same(a, b)).isTrue();
    }

    @Test
    void mavenComparableVersionOrder() {
        // The order Maven's ComparableVersion documents and tests
        ascending(
                new MavenOrder(),
                List.of(
                        "1-alpha",
                        "1-alpha2",
                        "1-beta",
                        "1-milestone",
                        "1-rc",
                        "1-snapshot",
                        "1",
                        "1-sp",
                        "1-abc",
                        "1-1",
                        "1.1",
                        "1.2",
                        "1.10",
                        "2.0.0-M1",
                        "2.0.0-RC1",
                        "2.0.0"));
        MavenOrder order = new MavenOrder();
        assertThat(order.same("1.0", "1")).isTrue();
        assertThat(order.same("1.0.0", "1")).isTrue();
        assertThat(order.same("1-ga", "1")).isTrue();
        assertThat(order.same("1-final", "1.0")).isTrue();
        assertThat(order.same("1-cr1", "1-rc1")).isTrue();
        assertThat(order.same("1a1", "1-alpha-1")).isTrue();
        assertThat(order.compare("2.13.4.2", "2.13.4")).isPositive();
        assertThat(order.compare("2.9.10.8", "2.10.0")).isNegative();
    }
}
