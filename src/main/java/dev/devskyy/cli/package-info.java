/**
 * The command-line face: {@link dev.devskyy.cli.Cli} builds picocli's command tree over a {@link
 * dev.devskyy.cli.CliContext} (the streams, environment and console, injected) and runs it to an
 * exit code of {@link dev.devskyy.cli.ExitCodes}. Commands such as {@code scan} and {@code verify}
 * are thin fronts over the same tools MCP offers, called through the runtime. Imports {@code
 * runtime}, {@code io} and {@code logging}; never {@code mcp} nor a capability ({@code serve}
 * starts the server through {@link dev.devskyy.runtime.ToolServer}).
 */
package dev.devskyy.cli;
