package dev.devskyy.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.devskyy.runtime.Json;
import java.io.IOException;

/** Bad input to a scan: a rules file, a baseline, an OSV database or an option that cannot be used. */
public final class ScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScanException(String message) {
        super(message);
    }

    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why a file is not JSON, by position only (see {@link Json#where}), for the message of a ScanException. */
    public static String notJson(IOException e) {
        return e instanceof JsonProcessingException json ? "not valid JSON " + Json.where(json) : "not valid JSON";
    }
}
