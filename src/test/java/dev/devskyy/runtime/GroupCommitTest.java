package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writes from many threads gathered into batches: each item written once, before its caller goes on. */
class GroupCommitTest {
    @Test
    void concurrentCallers_eachItemIsWrittenOnce_beforeItsCallerReturns_andWritesCarrySeveral() throws Exception {
        Queue<Integer> written = new ConcurrentLinkedQueue<>();
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>(batch -> {
            batchSizes.add(batch.size());
            sleepMillis(1); // a write takes a moment: callers arrive meanwhile
            written.addAll(batch);
        });
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int item = i;
            done.add(callers.submit(() -> {
                commit.write(item);
                assertThat(written).as("written before write returns").contains(item);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        callers.shutdown();
        assertThat(written).hasSize(2000).doesNotHaveDuplicates();
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).max().orElse(0))
                .as("largest batch")
                .isGreaterThan(1);
    }

    @Test
    void aFailedWrite_failsEveryCallerWhoseItemWasInIt_andTheNextWriteStillRuns() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String> commit = new GroupCommit<>(batch -> {
            batches.add(List.copyOf(batch));
            if (batch.contains("first")) {
                firstWriting.countDown();
                awaitLatch(othersQueued);
                return;
            }
            throw new IOException("disk full");
        });
        ExecutorService callers = Executors.newCachedThreadPool();
        Future<?> first = callers.submit(() -> {
            commit.write("first");
            return null;
        });
        firstWriting.await();
        Future<?> a = callers.submit(() -> {
            commit.write("a");
            return null;
        });
        Future<?> b = callers.submit(() -> {
            commit.write("b");
            return null;
        });
        while (!threadsParked(callers, 2)) {
            Thread.sleep(5);
        }
        othersQueued.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> f : List.of(a, b)) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("disk full");
        }
        assertThat(batches).containsExactly(List.of("first"), List.of("a", "b"));
        callers.shutdown();
    }

    @Test
    void anInterruptedCaller_stillHasItsItemWritten_andKeepsItsInterrupt() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String> commit = new GroupCommit<>(batch -> {
            // a channel write on an interrupted thread would close the channel instead
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            written.addAll(batch);
        });
        Thread.currentThread().interrupt();
        commit.write("line");
        assertThat(Thread.interrupted()).as("interrupt kept").isTrue();
        assertThat(written).containsExactly("line");
    }

    private static boolean threadsParked(ExecutorService ignored, int count) {
        return Thread.getAllStackTraces().entrySet().stream()
                        .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                        .filter(e -> List.of(e.getValue()).stream()
                                .anyMatch(frame -> frame.getClassName().equals(GroupCommit.class.getName())))
                        .count()
                >= count;
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
