// The comparison server: the official TypeScript SDK's McpServer on stdio with one tool that
// does what devskyy's file_hash does (SHA-256 of a file), so both sides do the same work.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const server = new McpServer({ name: 'ts-sdk-minimal', version: '1.0.0' });
server.registerTool(
  'file_hash',
  {
    description: 'SHA-256 digest of a file.',
    inputSchema: { path: z.string() },
    outputSchema: { digest: z.string(), bytes: z.number() },
    annotations: { readOnlyHint: true },
  },
  async ({ path }) => {
    const data = await readFile(path);
    const digest = createHash('sha256').update(data).digest('hex');
    return { content: [{ type: 'text', text: `${digest}  ${path}` }], structuredContent: { digest, bytes: data.length } };
  },
);
await server.connect(new StdioServerTransport());
