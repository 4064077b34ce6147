package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.args;
import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A result far larger than its request is refused with E4001, counted in UTF-8 bytes, and audited as such. */
@Tag("security")
class ResultBoundAttackTest {
    @TempDir
    Path state;

    /** The echo tool's result is its text as a JSON string plus {"echo":text}: twice the text and 14 bytes. */
    @ParameterizedTest
    @CsvSource({
        "a, 490, ok", // 994 bytes
        "a, 500, E4001", // 1014 bytes
        "é, 245, ok", // two bytes each: 994 bytes
        "é, 250, E4001", // counted as chars it would pass
    })
    void theBoundIsOnUtf8BytesOfTextAndStructuredContent(String unit, int times, String outcome) {
        List<AuditLog.Entry> audit = Collections.synchronizedList(new ArrayList<>());
        ToolRegistry registry = new ToolRegistry().register(tool("echo", echo()).build());
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(state), audit::add)) {
            runtime.limitResults(1_000);
            ToolCallResult result = runtime.call(ToolCallRequest.builder(
                            "echo",
                            args("{\"message\":\"" + unit + "\",\"times\":" + times + "}"),
                            new Caller("t", Grants.NONE, null))
                    .build());
            assertThat(audit).extracting(AuditLog.Entry::outcome).containsExactly(outcome);
            if (outcome.equals("E4001")) {
                assertThat(result.text())
                        .contains("exceeded the limit of 1000 bytes")
                        .contains("narrow the request");
                assertThat(result.text()).doesNotContain(unit.repeat(2));
            }
        }
    }
}
