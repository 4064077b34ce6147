package dev.devskyy.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A { or [ keeps the line open until balanced; brackets inside JSON strings do not count. */
class JsonBalanceTest {
    @Test
    void openObjectsAndArraysAreCounted_outsideStrings() {
        assertThat(JsonBalance.open("call x {\"a\":")).isEqualTo(1);
        assertThat(JsonBalance.open("call x {\"a\":[1,")).isEqualTo(2);
        assertThat(JsonBalance.open("call x {\"a\":\"}{\"}")).isZero();
        assertThat(JsonBalance.open("call x {\"a\":\"\\\"}\"")).isEqualTo(1);
        assertThat(JsonBalance.open("tools list")).isZero();
        assertThat(JsonBalance.open("scan \"}\"")).isZero();
    }
}
