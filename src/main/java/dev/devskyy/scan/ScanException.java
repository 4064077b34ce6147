package dev.devskyy.scan;

/** Bad input to a scan: a rules file, a baseline, an OSV database or an option that cannot be used. */
public final class ScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScanException(String message) {
        super(message);
    }

    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
