/**
 * The Content-Security-Policy capability: {@link dev.devskyy.csp.CspPolicy} parses a policy, {@link
 * dev.devskyy.csp.CspEvaluator} finds its weaknesses, {@link dev.devskyy.csp.CspBuilder} builds the
 * platform's headers, and {@link dev.devskyy.csp.CspTools} declares {@code csp_evaluate} and {@code
 * csp_build}. A capability: it imports {@code io} and {@link dev.devskyy.runtime.Json} anywhere, the
 * rest of the runtime only in {@code CspTools}, and no face nor other capability.
 */
package dev.devskyy.csp;
