/**
 * The wiring of devskyy: {@link dev.devskyy.Main} joins the process's streams and environment to
 * the CLI and hands it the MCP server, and {@link dev.devskyy.ToolCatalogue} lists the tools of
 * every capability. The only code that names faces and capabilities together, so that neither has
 * to know the other (face → runtime → capability).
 */
package dev.devskyy;
