package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Seeded mutations of a valid sample, for parser fuzz tests: bytes flipped, inserted and
 * deleted, numbers made huge or negative, nesting made deep, strings made long, members
 * duplicated. The same seed always gives the same input, so a failure names its reproduction.
 */
public final class Mutations {
    /** Text spliced in at random: each is a classic way to make a parser do too much or too little. */
    private static final List<String> HOSTILE = List.of(
            "[".repeat(100_000),
            "{\"a\":".repeat(20_000),
            "\"" + "A".repeat(300_000) + "\"",
            "99999999999999999999999999999999999999999999",
            "-2147483649",
            "4294967296",
            "-1",
            "1e999999999",
            "-0.0e-99999",
            "9".repeat(5000),
            "\u0000",
            "\"\\ud800\"",
            "\uFFFF",
            ",",
            "null",
            "}",
            "\r\n",
            ";",
            "..",
            "=");

    private Mutations() {}

    /** The seeds of a parameterized fuzz test: 0 … count − 1. */
    public static IntStream seeds(int count) {
        return IntStream.range(0, count);
    }

    /** One to four mutations of {@code sample}, chosen by {@code seed}. */
    public static byte[] mutate(byte[] sample, long seed) {
        Random random = new Random(seed);
        byte[] data = sample.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            data = once(data, random);
        }
        return data;
    }

    /** {@link #mutate} for text samples, decoded leniently (invalid UTF-8 becomes U+FFFD). */
    public static String mutate(String sample, long seed) {
        return new String(mutate(sample.getBytes(StandardCharsets.UTF_8), seed), StandardCharsets.UTF_8);
    }

    private static byte[] once(byte[] data, Random random) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
        return switch (random.nextInt(7)) {
            case 0 -> flip(data, random);
            case 1 -> splice(data, at, at, randomBytes(random, 1 + random.nextInt(8)));
            case 2 -> splice(data, at, Math.min(data.length, at + 1 + random.nextInt(16)), new byte[0]);
            case 3 -> splice(data, at, at, hostile(random));
            case 4 -> replaceNumber(data, random);
            case 5 -> duplicateMember(data, random);
            default -> splice(data, at, Math.min(data.length, at + random.nextInt(4)), hostile(random));
        };
    }

    private static byte[] flip(byte[] data, Random random) {
        if (data.length == 0) {
            return data;
        }
        byte[] out = data.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private static byte[] hostile(Random random) {
        return HOSTILE.get(random.nextInt(HOSTILE.size())).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A run of digits replaced by a hostile number: counts, offsets, lengths and indices lie. */
    private static byte[] replaceNumber(byte[] data, Random random) {
        int start = random.nextInt(data.length + 1);
        while (start < data.length && !Character.isDigit(data[start])) {
            start++;
        }
        int end = start;
        while (end < data.length && Character.isDigit(data[end])) {
            end++;
        }
        String[] numbers = {"-1", "-4", "0", "2147483647", "2147483648", "9223372036854775807", "1e308", "3.5"};
        return splice(data, start, end, numbers[random.nextInt(numbers.length)].getBytes(StandardCharsets.US_ASCII));
    }

    /** The text from the first {@code "name":} up to the next comma repeated, so the member occurs twice. */
    private static byte[] duplicateMember(byte[] data, Random random) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int quote = text.indexOf('"', random.nextInt(text.length() + 1));
        int comma = quote < 0 ? -1 : text.indexOf(',', quote);
        if (comma < 0) {
            return data;
        }
        return splice(
                data, comma + 1, comma + 1, (text.substring(quote, comma) + ",").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + insert.length);
        out.write(data, 0, from);
        out.write(insert, 0, insert.length);
        out.write(data, to, data.length - to);
        return out.toByteArray();
    }

    /** What a parser is allowed to throw: its documented error types. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    /**
     * Runs {@code parse} on a thread of its own for at most {@code limit}: it may return or throw one
     * of {@code allowed}; anything else (a RuntimeException, a StackOverflowError, an OutOfMemoryError,
     * a hang) fails the test, naming the seed.
     */
    @SafeVarargs
    public static void onlyDocumentedErrors(
            long seed, Duration limit, Parse parse, Class<? extends Throwable>... allowed) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = thread.submit(() -> {
                parse.run();
                return null;
            });
            try {
                run.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                for (Class<? extends Throwable> type : allowed) {
                    if (type.isInstance(cause)) {
                        return;
                    }
                }
                throw new AssertionError("seed " + seed + ": undocumented " + cause, cause);
            } catch (TimeoutException e) {
                run.cancel(true);
                fail("seed " + seed + ": still parsing after " + limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        } finally {
            thread.shutdownNow();
        }
    }
}
