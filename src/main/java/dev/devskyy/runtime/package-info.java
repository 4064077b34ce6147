/**
 * The permissioned core every face calls: {@link dev.devskyy.runtime.ToolRuntime} runs each call in
 * one order (find, authorize deny-by-default, validate, replay, run under a deadline, validate,
 * audit) over the {@link dev.devskyy.runtime.ToolSpec}s of a {@link dev.devskyy.runtime.ToolRegistry};
 * a tool reaches files and hosts only through its {@link dev.devskyy.runtime.ToolCallContext}, which
 * checks the grants where the resource is touched. Imports {@code io} and no face, no capability,
 * no picocli. Capabilities may use {@link dev.devskyy.runtime.Json} (the one JSON configuration)
 * anywhere, and the rest of this package only in their {@code *Tools} classes.
 */
package dev.devskyy.runtime;
