package dev.devskyy.scan;

import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.IoFailure;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.Printable;
import dev.devskyy.io.ReadableFile;
import dev.devskyy.scan.deps.Advisory;
import dev.devskyy.scan.deps.Dependency;
import dev.devskyy.scan.deps.Manifests;
import dev.devskyy.scan.deps.OsvDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * One scan of files and directories: a walker on the calling thread feeds one worker per core,
 * at most two files per worker in flight, so memory stays within a few times
 * {@code maxFileSize} whatever the size of the tree.
 */
final class Scan {
    /**
     * A file or directory to scan, already opened inside the caller's roots; how its files' paths
     * start in the report ("" shows them bare); and the directories above it the caller may read,
     * nearest first, whose .gitignore files apply to it.
     */
    record Target(DirectoryEntry entry, String display, List<OpenDirectory> ancestors) {}

    /** A file the caller gave by name, read whole through the caller's guarded open. */
    record Input(String name, byte[] content) {}

    record Options(
            List<Target> targets,
            Set<Category> checks,
            List<Input> ruleFiles,
            Input baseline,
            Target osvDb,
            long maxFileSize,
            boolean useGitignore,
            Severity failOn,
            int threads,
            boolean archives,
            History history) {}

    /**
     * A scan of what commits added to a checked repository (or of what is staged there) instead of
     * its files.
     */
    record History(GitRepository repository, boolean staged, LogOptions log) {}

    /** How a scan reports its progress and learns that it should stop. */
    record Monitor(java.util.function.Consumer<Progress> progress, java.util.function.BooleanSupplier cancelled) {}

    /**
     * What a scan has done so far: files (or changed files in history) and their bytes, and in
     * history the commits reached (0 otherwise). Files only increase from one report to the next.
     */
    record Progress(long files, long bytes, long commits) {}

    /** A scan stopped by its caller; nothing it found is reported. */
    static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("scan cancelled");
        }
    }

    static final int BINARY_PROBE = 8000;
    private static final int BINARY_UNREAD = -1;
    /**
     * Bytes per read: a cancel is seen between reads, and the JDK copies each read through a
     * temporary direct buffer of the read's size.
     */
    private static final int READ_STEP = 1 << 20;

    private static final long PROGRESS_EVERY_FILES = 500;
    /** Also every 16 MiB, so that a tree of a few large files shows progress too. */
    private static final long PROGRESS_EVERY_BYTES = 16L << 20;

    private final Options options;
    private final Monitor monitor;
    private final ContentScanner content;
    /** Null when archives are not looked into, or nothing would be looked for in them. */
    private final ArchiveWalk archives;

    private final ThreadLocal<byte[]> buffers = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Dependency> dependencies = new ConcurrentLinkedQueue<>();
    private final LongAdder filesScanned = new LongAdder();
    private final LongAdder bytesScanned = new LongAdder();
    private final LongAdder inline = new LongAdder();
    private final LongAdder manifests = new LongAdder();
    private final LongAdder unpinned = new LongAdder();
    private final LongAdder manifestsTooLarge = new LongAdder();
    private final Map<SkipReason, LongAdder> skipped = new EnumMap<>(SkipReason.class);
    /** The files and bytes of the last report; guarded by itself. */
    private final long[] lastProgress = new long[2];
    /** In history, how many commits the changes scanned so far reach into the log. */
    private final LongAccumulator commitsReached = new LongAccumulator(Math::max, 0);

    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private Scan(Options options, Monitor monitor) {
        this.options = options;
        this.monitor = monitor;
        this.content = new ContentScanner(RuleSet.load(options.ruleFiles()), options.checks());
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, new LongAdder());
        }
        this.archives = options.archives() && !content.isEmpty()
                ? new ArchiveWalk(
                        options.maxFileSize(), this::scanBytes, this::skip, this::stopping, ArchiveWalk.Limits.DEFAULT)
                : null;
    }

    /** The rules that ran: the content rules, and the keystore rules with the secrets check. */
    private List<Rule> rules() {
        if (!options.checks().contains(Category.SECRET)) {
            return content.rules();
        }
        List<Rule> all = new ArrayList<>(content.rules());
        all.addAll(Keystores.RULES);
        return all;
    }

    static ScanResult run(Options options, Monitor monitor) throws Cancelled {
        long started = System.nanoTime();
        Set<String> baseline = options.baseline() == null ? Set.of() : Baseline.read(options.baseline());
        Scan scan = new Scan(options, monitor);
        ScanResult.Git git = null;
        if (options.history() == null) {
            scan.work(scan::walkTargets);
        } else {
            GitHistory history = new GitHistory(options.history(), options.maxFileSize(), scan::stopping);
            scan.work(submit -> history.read(change -> submit.accept(scan.new ChangeTask(change))));
            git = new ScanResult.Git(options.history().staged(), history.commits());
        }
        List<Finding> found = new ArrayList<>(scan.findings);
        ScanResult.Dependencies deps = scan.matchDependencies(found);
        long baselined =
                found.stream().filter(f -> baseline.contains(f.fingerprint())).count();
        found.removeIf(f -> baseline.contains(f.fingerprint()));
        found.sort(Comparator.comparingInt(
                        (Finding f) -> f.commit() == null ? -1 : f.commit().order())
                .thenComparing(Finding::path)
                .thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column)
                .thenComparing(Finding::ruleId));
        Map<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
        scan.skipped.forEach((reason, n) -> skips.put(reason, n.sum()));
        Map<String, Long> suppressed = new LinkedHashMap<>();
        suppressed.put("inline", scan.inline.sum());
        suppressed.put("baseline", baselined);
        return new ScanResult(
                found,
                scan.rules(),
                scan.filesScanned.sum(),
                scan.bytesScanned.sum(),
                skips,
                suppressed,
                deps,
                options.checks(),
                options.failOn(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                git);
    }

    /** What feeds the workers: it calls its argument with each task, on the calling thread. */
    private interface Feeder {
        void feed(java.util.function.Consumer<Task> submit);
    }

    /**
     * The feeder's tasks run on one worker per core, at most two per worker in flight; returns when
     * all have run, or throws when the scan stopped or failed.
     */
    private void work(Feeder feeder) throws Cancelled {
        int threads = Math.max(1, options.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "devskyy-scan");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        try {
            feeder.feed(task -> submit(task, inFlight, pool));
            pool.shutdown();
            while (!pool.awaitTermination(20, TimeUnit.MILLISECONDS)) {
                if (stopping()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Runnable dropped : pool.shutdownNow()) {
                ((Task) dropped).drop();
            }
            awaitWorkers(pool);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (stopping()) {
            throw new Cancelled();
        }
    }

    /**
     * Workers stop within microseconds of a cancel or interrupt (their regex input asks every few
     * thousand characters), so a scan that returns leaves no work behind; the wait is bounded all
     * the same, and keeps an interrupt for the caller.
     */
    private static void awaitWorkers(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a task once a place is free; a task that cannot be queued is dropped. */
    private static void submit(Task task, Semaphore inFlight, ExecutorService pool) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.drop();
            return;
        }
        task.inFlight = inFlight;
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            task.drop();
        }
    }

    /** Every target's files, queued for the workers as the walk finds them. */
    private void walkTargets(java.util.function.Consumer<Task> submit) {
        for (Target target : options.targets()) {
            try {
                FileTree.walk(
                        target,
                        options.useGitignore(),
                        this::skip,
                        this::stopping,
                        entry -> submit.accept(new FileTask(entry)));
            } catch (IOException e) {
                throw new ScanException(
                        "cannot scan " + Printable.of(target.display(), 240) + ": " + IoFailure.reasonOf(e), e);
            }
        }
    }

    private void skip(SkipReason reason) {
        skipped.get(reason).increment();
    }

    boolean stopping() {
        return Thread.currentThread().isInterrupted() || monitor.cancelled().getAsBoolean() || failure.get() != null;
    }

    /** Work for one worker; dropped unrun when the scan stops first. Holds its place in flight. */
    private abstract class Task implements Runnable {
        Semaphore inFlight;

        abstract void scan();

        /** Lets go of what the task holds; once, whether it ran or not. */
        abstract void release();

        @Override
        public void run() {
            try {
                if (!stopping()) { // a task queued before a cancel is not even read
                    scan();
                }
            } catch (RegexWork.Stopped e) {
                // the scan is stopping, which work() reports once the workers are done
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } catch (StackOverflowError e) {
                // a regex too deep for the stack: the scan fails rather than lose a file
                failure.compareAndSet(null, new ScanException("cannot scan " + this + ": " + e, e));
            } finally {
                drop();
            }
        }

        void drop() {
            release();
            if (inFlight != null) {
                inFlight.release();
                inFlight = null;
            }
        }
    }

    /** One file's scan. It holds the file's directory open until it has run, or been dropped. */
    private final class FileTask extends Task {
        private final FileTree.Entry entry;

        FileTask(FileTree.Entry entry) {
            this.entry = entry;
        }

        @Override
        void scan() {
            scanFile(entry);
        }

        @Override
        void release() {
            Scan.release(entry);
        }

        @Override
        public String toString() {
            return entry.displayPath();
        }
    }

    /** The lines one commit added to one file (or that are staged for it). */
    private final class ChangeTask extends Task {
        private final PatchParser.Change change;

        ChangeTask(PatchParser.Change change) {
            this.change = change;
        }

        @Override
        void scan() {
            scanChange(change);
        }

        @Override
        void release() {
            // nothing held but memory
        }

        @Override
        public String toString() {
            return change.path();
        }
    }

    /** The walker held the entry's directory open for this file; once read, it is let go. */
    private static void release(FileTree.Entry entry) {
        try {
            entry.directory().close();
        } catch (IOException e) {
            // a directory handle that fails to close has nothing left to lose
        }
    }

    private void scanFile(FileTree.Entry entry) {
        if (entry.size() > options.maxFileSize()) {
            tooLarge(entry);
            return;
        }
        int length;
        Path fileName = entry.name();
        // Opened through its directory's handle, unbounded here: readWhole stops one byte past the limit.
        try (ReadableFile file = entry.directory().file(fileName, Long.MAX_VALUE)) {
            length = readWhole(file, fileName, entry.size());
        } catch (OpenDirectory.NotRegularFileException e) {
            skip(SkipReason.NOT_REGULAR);
            return;
        } catch (IOException e) {
            skip(SkipReason.UNREADABLE);
            return;
        }
        if (stopping()) {
            return;
        }
        if (length == BINARY_UNREAD) {
            skip(SkipReason.BINARY);
            return;
        }
        if (length > options.maxFileSize()) {
            tooLarge(entry);
            return;
        }
        byte[] buffer = buffers.get();
        ArchiveWalk.Format archive = archives == null ? null : ArchiveWalk.formatOf(buffer, length);
        if (archive != null) {
            archives.walk(archive, entry.displayPath(), fileName.toString(), buffer, length);
            return;
        }
        // Cheapest test first: most files are no manifest, and scanBytes looks for binary anyway.
        if (options.checks().contains(Category.DEPENDENCY)
                && Manifests.isManifest(fileName.toString())
                && !isBinary(buffer, length)) {
            readManifest(entry, buffer, length);
        }
        scanBytes(entry.displayPath(), fileName, buffer, length);
    }

    /**
     * A file's bytes, read from disk or out of an archive: text goes through the rules; a binary
     * file is skipped unless it is a keystore, which the secrets check reports whole.
     */
    private void scanBytes(String path, Path fileName, byte[] buffer, int length) {
        if (isBinary(buffer, length)) {
            Rule keystore =
                    options.checks().contains(Category.SECRET) ? Keystores.match(fileName, buffer, length) : null;
            if (keystore == null) {
                skip(SkipReason.BINARY);
                return;
            }
            findings.add(Keystores.finding(keystore, path, buffer, length));
        } else if (!content.isEmpty()) {
            ContentScanner.Result result = content.scan(buffer, length, path, fileName, new RegexWork(this::stopping));
            findings.addAll(result.findings());
            inline.add(result.suppressed());
        }
        filesScanned.increment();
        bytesScanned.add(length);
        reportProgress();
    }

    /**
     * Added lines are scanned as a file of their own, findings then placed on the file's lines.
     * In history, the fingerprint is of the commit and the path, so that a baseline accepts that
     * commit's secret and not the same secret added again later.
     */
    private void scanChange(PatchParser.Change change) {
        if (change.tooLarge()) {
            skip(SkipReason.TOO_LARGE);
            return;
        }
        if (isBinary(change.content(), change.length())) {
            skip(SkipReason.BINARY);
            return;
        }
        Commit commit = change.commit();
        if (commit != null) {
            commitsReached.accumulate(commit.order() + 1L);
        }
        String identity = commit == null ? change.path() : commit.id() + ":" + change.path();
        int slash = change.path().lastIndexOf('/');
        Path fileName = Path.of(change.path().substring(slash + 1));
        ContentScanner.Result result =
                content.scan(change.content(), change.length(), identity, fileName, new RegexWork(this::stopping));
        for (Finding f : result.findings()) {
            findings.add(f.addedIn(commit, change.path(), change.fileLine(f.line()), change.fileLine(f.endLine())));
        }
        inline.add(result.suppressed());
        filesScanned.increment();
        bytesScanned.add(change.length());
        reportProgress();
    }

    /** At most every 500 files or 16 MiB, in increasing order whichever worker reports. */
    private void reportProgress() {
        synchronized (lastProgress) {
            long files = filesScanned.sum();
            long bytes = bytesScanned.sum();
            if (files > lastProgress[0]
                    && (files - lastProgress[0] >= PROGRESS_EVERY_FILES
                            || bytes - lastProgress[1] >= PROGRESS_EVERY_BYTES)) {
                lastProgress[0] = files;
                lastProgress[1] = bytes;
                monitor.progress().accept(new Progress(files, bytes, commitsReached.get()));
            }
        }
    }

    /**
     * The file's bytes into this worker's buffer, grown as needed (a file may have grown since it
     * was listed); stops one byte past the size limit, which is how a too-large file shows. {@link
     * #BINARY_UNREAD} when its first bytes show a binary file that nothing reads further. Read a
     * step at a time, so that a cancel stops a large file within one step.
     */
    private int readWhole(ReadableFile file, Path fileName, long listedSize) throws IOException {
        long limit = options.maxFileSize() + 1;
        byte[] buffer = buffers.get();
        if (buffer == null || buffer.length < Math.min(limit, listedSize + 1)) {
            buffer = new byte[(int) Math.min(limit, Math.max(listedSize + 1, 64 * 1024))];
            buffers.set(buffer);
        }
        ByteBuffer target = ByteBuffer.wrap(buffer);
        boolean probed = false;
        while (!stopping()) {
            target.limit((int) Math.min(target.capacity(), target.position() + (long) READ_STEP));
            if (file.read(target) < 0) {
                break;
            }
            if (!probed && target.position() >= BINARY_PROBE) {
                probed = true;
                if (isSkippedBinary(fileName, buffer, BINARY_PROBE)) {
                    return BINARY_UNREAD;
                }
            }
            if (target.position() == target.capacity()) {
                if (buffer.length >= limit) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, buffer.length * 2L));
                buffers.set(buffer);
                target = ByteBuffer.wrap(buffer).position(target.position());
            }
        }
        return target.position();
    }

    /** Skipped and counted; a manifest skipped so is named in the dependency note. */
    private void tooLarge(FileTree.Entry entry) {
        skip(SkipReason.TOO_LARGE);
        if (options.checks().contains(Category.DEPENDENCY)
                && Manifests.isManifest(entry.name().toString())) {
            manifestsTooLarge.increment();
        }
    }

    /**
     * Whether a file is binary by its first {@value #BINARY_PROBE} bytes and neither an archive nor
     * possibly a keystore: then the rest of it is never read.
     */
    static boolean isSkippedBinary(Path fileName, byte[] data, int length) {
        return isBinary(data, length)
                && ArchiveWalk.formatOf(data, length) == null
                && !Keystores.mayBe(fileName, data, length);
    }

    /** As git decides: a NUL byte in the first 8000 bytes. */
    static boolean isBinary(byte[] data, int length) {
        for (int i = 0; i < Math.min(length, BINARY_PROBE); i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static final Path PACKAGE_LOCK = Path.of("package-lock.json");

    private static boolean isRegularFile(OpenDirectory directory, Path name) {
        try {
            BasicFileAttributes attributes = directory.attributes(name);
            return attributes != null && attributes.isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    private void readManifest(FileTree.Entry entry, byte[] data, int length) {
        String name = entry.name().toString();
        if (name.equals("package.json") && isRegularFile(entry.directory(), PACKAGE_LOCK)) {
            return;
        }
        try {
            Manifests.Read read = Manifests.read(name, data, length, entry.displayPath());
            dependencies.addAll(read.dependencies());
            unpinned.add(read.unpinned());
            manifests.increment();
        } catch (IOException | RuntimeException e) {
            skip(SkipReason.UNREADABLE);
        }
    }

    private ScanResult.Dependencies matchDependencies(List<Finding> out) {
        List<Dependency> deps = new ArrayList<>(dependencies);
        deps.sort(Comparator.comparing(Dependency::path).thenComparingInt(Dependency::line));
        int found = deps.size();
        if (!options.checks().contains(Category.DEPENDENCY) || options.osvDb() == null) {
            return new ScanResult.Dependencies(
                    false, manifests.intValue(), manifestsTooLarge.intValue(), found, unpinned.intValue(), 0, 0);
        }
        Set<String> wanted =
                deps.stream().map(d -> OsvDatabase.key(d.ecosystem(), d.name())).collect(Collectors.toSet());
        OsvDatabase db = osvDatabase(options.osvDb(), wanted);
        int unresolved = 0;
        Map<String, Integer> occurrences = new HashMap<>();
        for (Dependency d : deps) {
            List<Advisory> advisories;
            try {
                advisories = db.advisories(d);
            } catch (IllegalArgumentException e) {
                unresolved++;
                continue;
            }
            for (Advisory a : advisories) {
                String text = d.coordinates();
                int occurrence = occurrences.merge(a.id() + '\0' + d.path() + '\0' + text, 1, Integer::sum);
                out.add(Finding.dependency(d, a, Fingerprints.of(a.id(), d.path(), text, occurrence)));
            }
        }
        return new ScanResult.Dependencies(
                true,
                manifests.intValue(),
                manifestsTooLarge.intValue(),
                found,
                unpinned.intValue(),
                unresolved,
                db.records());
    }

    /**
     * The OSV database of {@code dir}, walked like a scan target (no link followed, nothing
     * ignored), with the records about the {@code wanted} packages.
     */
    static OsvDatabase osvDatabase(Target dir, Set<String> wanted) {
        OsvDatabase.Loader loader = OsvDatabase.loader(wanted);
        try {
            FileTree.walk(dir, false, reason -> {}, () -> false, entry -> {
                try {
                    loader.read(entry.directory(), entry.name(), entry.displayPath());
                } catch (IOException e) {
                    throw new ScanException("cannot read the OSV record " + Printable.of(entry.displayPath(), 240)
                            + ": " + IoFailure.reasonOf(e));
                } finally {
                    release(entry);
                }
            });
        } catch (IOException e) {
            throw new ScanException("cannot read the OSV database " + dir.display(), e);
        }
        return loader.database();
    }
}
