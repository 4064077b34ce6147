package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM for the multi-process state tests: it uses the state directory the way a devskyy
 * process does (store and audit log of that directory) and prints one {@code ERROR} line per failed
 * call, so the parent test sees every failure.
 *
 * <ul>
 *   <li>{@code keys STATE RUNS THREADS KEY…}: every thread calls the {@code append} tool once per key,
 *       in its own shuffled order, with that key; the tool appends the key to RUNS each time it runs.
 *   <li>{@code audit STATE ACTOR COUNT MESSAGE}: COUNT calls of {@code echo} with that message.
 * </ul>
 */
public final class StateContender {
    private StateContender() {}

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[1]);
        ToolRegistry registry = new ToolRegistry();
        registry.register(tool("echo", echo()).build());
        Path runs = args[0].equals("keys") ? Path.of(args[2]) : null;
        registry.register(tool("append", (a, c) -> {
                    appendLine(runs, a.get("message").asText());
                    // A tool that takes a moment widens every race between the callers.
                    Thread.sleep(10);
                    return echo().run(a, c);
                })
                .build());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        try (ToolRuntime runtime = new ToolRuntime(
                registry, IdempotencyStore.in(state), AuditLog.appendingTo(state.resolve("audit.log")))) {
            if (args[0].equals("keys")) {
                callEveryKey(
                        runtime, Integer.parseInt(args[3]), Arrays.asList(args).subList(4, args.length), errors);
            } else {
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    check(runtime.call(request("echo", args[4], args[2]).build()), errors);
                }
            }
        }
        errors.forEach(e -> System.out.println("ERROR " + e));
        System.out.flush();
    }

    private static void callEveryKey(ToolRuntime runtime, int threads, List<String> keys, List<String> errors)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = ProcessHandle.current().pid() * 31 + t;
            done.add(pool.submit(() -> {
                List<String> order = new ArrayList<>(keys);
                Collections.shuffle(order, new Random(seed));
                for (String key : order) {
                    check(
                            runtime.call(request("append", key, "ci")
                                    .idempotencyKey(key)
                                    .build()),
                            errors);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    private static ToolCallRequest.Builder request(String tool, String message, String actor) {
        return ToolCallRequest.builder(
                tool, Json.object().put("message", message), new Caller(actor, Grants.NONE, null));
    }

    private static void check(ToolCallResult result, List<String> errors) {
        if (result.isError()) {
            errors.add(result.text());
        }
    }

    private static void appendLine(Path file, String line) {
        try {
            // One O_APPEND write per run: lines from all processes stay whole.
            Files.write(
                    file,
                    (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
