package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuiltTest {
    @Test
    void aFailedBuild_isRethrownToEveryCaller_asTheBuildThrewIt_withoutBuildingAgain() {
        IllegalStateException failure = new IllegalStateException("no registry");
        AtomicInteger builds = new AtomicInteger();
        Built<String> value = Built.onFirstUse(() -> {
            builds.incrementAndGet();
            throw failure;
        });
        assertThatThrownBy(value::get).isSameAs(failure);
        assertThatThrownBy(value::get).isSameAs(failure);
        assertThat(builds).hasValue(1);
    }

    @Test
    void onFirstUse_nothingIsBuiltBeforeTheFirstCaller_andOnlyOnceForAllOfThem() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Built<Integer> value = Built.onFirstUse(builds::incrementAndGet);
        assertThat(builds).hasValue(0);

        java.util.Queue<Integer> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.List<Thread> callers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread caller = new Thread(() -> seen.add(value.get()));
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(seen).hasSize(8).containsOnly(1);
        assertThat(builds).hasValue(1);
    }

    @Test
    void aContextBuildsItsRegistryOnce_whoeverAsksForIt() {
        AtomicInteger builds = new AtomicInteger();
        CliContext context = new CliContext(
                java.io.InputStream.nullInputStream(),
                System.out,
                System.err,
                java.util.Map.of(),
                () -> {
                    builds.incrementAndGet();
                    return new dev.devskyy.runtime.ToolRegistry();
                },
                null,
                null);

        context.tools().get();
        context.inShell(null).tools().get();

        assertThat(builds).hasValue(1);
    }
}
