package dev.devskyy.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The bound on one tool result: its text plus its structured content, counted as the JSON they
 * become on the wire. They are serialized into a counter that gives up at the bound, so measuring
 * a huge result costs no second copy of it.
 */
final class ResultSize {
    /** No bound: the CLI writes results to a file or terminal the user chose. */
    static final long UNBOUNDED = Long.MAX_VALUE;

    private ResultSize() {}

    /** Throws E4001 when the result of {@code tool} is larger than {@code maxBytes}. */
    static void check(String tool, ToolOutput output, long maxBytes) {
        if (maxBytes == UNBOUNDED) {
            return;
        }
        if (exceeds(output, maxBytes)) {
            throw ToolError.of(
                            ErrorCode.E4001,
                            "the result of " + tool + " exceeded the limit of " + maxBytes
                                    + " bytes; narrow the request (a smaller input, fewer paths or files, "
                                    + "a lower max_findings) and call again")
                    .withDetail("tool", tool)
                    .withDetail("maxResultBytes", maxBytes);
        }
    }

    /** Text and structured content as they go on the wire: JSON, UTF-8, escapes included. */
    private static boolean exceeds(ToolOutput output, long maxBytes) {
        Counter counter = new Counter(maxBytes);
        try (JsonGenerator generator = JsonTrees.FACTORY.createGenerator(counter)) {
            generator.writeString(output.text());
            JsonTrees.write(output.structured(), generator);
        } catch (Counter.Exceeded e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }

    /** Counts what is written and stops the writer once the budget is spent. */
    private static final class Counter extends OutputStream {
        private long left;

        Counter(long budget) {
            this.left = budget;
        }

        @Override
        public void write(int b) throws Exceeded {
            spend(1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws Exceeded {
            spend(length);
        }

        private void spend(long n) throws Exceeded {
            left -= n;
            if (left < 0) {
                throw new Exceeded();
            }
        }

        /** Thrown through the generator to stop it; carries no stack. */
        static final class Exceeded extends IOException {
            private static final long serialVersionUID = 1L;

            Exceeded() {
                super("result bound reached", null);
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }
    }
}
