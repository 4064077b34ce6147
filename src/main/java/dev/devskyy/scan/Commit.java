package dev.devskyy.scan;

/**
 * The commit that added a line a finding is on, as git log printed it.
 *
 * @param order its place in the log (0 is the first printed, the newest), which orders reports
 * @param date the author date, ISO 8601 with its offset
 */
record Commit(int order, String id, String author, String email, String date) {}
