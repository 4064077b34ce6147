package dev.devskyy.budget;

/** A spec or asset that cannot be measured: one line, naming the file and what is wrong. */
public final class BudgetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BudgetException(String message) {
        super(message, null, false, false);
    }
}
