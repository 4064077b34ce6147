/**
 * The scan capability, {@code security_scan}: leaked secrets, injection-prone code and known
 * vulnerable dependencies. {@code Scan} runs one scan (a guarded walk feeding one worker per core,
 * the rules of a {@code RuleSet} applied by {@code ContentScanner}); {@code ScanReport}, {@code
 * TextReport} and {@code SarifReport} render its result; the deps check lives in {@link
 * dev.devskyy.scan.deps}. Package-private by default: {@link dev.devskyy.scan.ScanTools} is the entry
 * point and the only class that imports the runtime beyond {@link dev.devskyy.runtime.Json}; {@link
 * dev.devskyy.scan.Severity} and {@link dev.devskyy.scan.ScanException} are public for {@code deps}.
 * A capability: it imports {@code io}, and no face nor other capability.
 */
package dev.devskyy.scan;
