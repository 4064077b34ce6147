package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuildingInBackgroundTest {
    @Test
    void theBuildStartsAtOnce_onItsOwnThread_andRunsOnceForEveryCaller() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        BuildingInBackground<String> value = new BuildingInBackground<>(
                () -> {
                    started.countDown();
                    builds.incrementAndGet();
                    return Thread.currentThread().getName();
                },
                "test-builder");
        started.await(); // before anyone asked
        assertThat(value.get()).isEqualTo("test-builder");
        assertThat(value.get()).isEqualTo("test-builder");
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedBuild_isRethrownToEveryCaller_asTheBuildThrewIt() {
        IllegalStateException failure = new IllegalStateException("no registry");
        BuildingInBackground<String> value = new BuildingInBackground<>(
                () -> {
                    throw failure;
                },
                "test-builder");
        assertThatThrownBy(value::get).isSameAs(failure);
        assertThatThrownBy(value::get).isSameAs(failure);
    }
}
