package dev.devskyy.cli;

import dev.devskyy.runtime.ToolCallResult;

/**
 * How the verify commands end: a call that failed prints its one line on stderr and exits by the
 * table (2, 3 or 4); otherwise the verdict goes to stdout, as the tool's text or with --json as
 * its structured content, and the exit code is 0 when the check passed, 1 when it did not.
 */
final class Verdict {
    private final String field;
    private final boolean valueWhenPassed;

    private Verdict(String field, boolean valueWhenPassed) {
        this.field = field;
        this.valueWhenPassed = valueWhenPassed;
    }

    /** A check that passed when the tool's structured content has {@code field} true (e.g. valid). */
    static Verdict passesWhen(String field) {
        return new Verdict(field, true);
    }

    /** A check that failed when the tool's structured content has {@code field} true (e.g. failed). */
    static Verdict failsWhen(String field) {
        return new Verdict(field, false);
    }

    int report(ToolInvocation invocation, ToolCallResult result, boolean json) {
        int printed = json ? invocation.printJson(result) : invocation.print(result, false);
        if (result.isError()) {
            return printed;
        }
        boolean value = result.structuredContent().path(field).asBoolean();
        return value == valueWhenPassed ? ExitCodes.SUCCESS : ExitCodes.NEGATIVE;
    }
}
