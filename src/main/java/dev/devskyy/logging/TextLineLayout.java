package dev.devskyy.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;

/** {@code 2026-11-25T10:00:00.123Z WARN  devskyy.runtime message}, one line per event. */
final class TextLineLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128)
                .append(Instant.ofEpochMilli(event.getTimeStamp()))
                .append(' ')
                .append(String.format("%-5s", event.getLevel()))
                .append(' ')
                .append(shortName(event.getLoggerName()))
                .append(": ")
                .append(event.getFormattedMessage())
                .append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append('\n');
        }
        return line.toString();
    }

    /** {@code dev.devskyy.runtime.ToolRuntime} → {@code ToolRuntime}. */
    static String shortName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
