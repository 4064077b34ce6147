package dev.devskyy.cli;

import dev.devskyy.runtime.CallObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A tool's progress and log messages, on stderr through the CLI's logging (-v shows progress). */
final class LoggingObserver implements CallObserver {
    private final Logger log;

    LoggingObserver(String tool) {
        this.log = LoggerFactory.getLogger("devskyy." + tool);
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (total == null) {
            log.info("{} ({})", message, progress);
        } else {
            log.info("{} ({}%)", message, Math.round(100 * progress / total));
        }
    }

    @Override
    public void log(String level, String message) {
        switch (level) {
            case "debug" -> log.debug(message);
            case "info", "notice" -> log.info(message);
            case "warning" -> log.warn(message);
            default -> log.error(message);
        }
    }
}
