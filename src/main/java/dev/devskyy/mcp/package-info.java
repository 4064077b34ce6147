/**
 * The MCP face: {@link dev.devskyy.mcp.McpServer} serves the runtime's tools as line-delimited
 * JSON-RPC 2.0 on stdio, in every protocol version of {@code ProtocolVersions}, with bounded input,
 * concurrent tool calls, cancellation and progress. Imports {@code runtime}; never
 * {@code cli} nor a capability.
 */
package dev.devskyy.mcp;
