// Drives `bin/devskyy serve` with the official MCP TypeScript SDK client.
// Usage: node client.mjs PROJECT_ROOT WORK_DIR — exits non-zero on the first failed check.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { EmptyResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync, truncateSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';

const [projectRoot, workDir] = process.argv.slice(2);
let passed = 0;
async function check(name, body) {
  await body();
  passed++;
  console.log(`ok - ${name}`);
}

const transport = new StdioClientTransport({
  command: join(projectRoot, 'bin/devskyy'),
  args: ['serve', '--allow', 'filesystem:read', '--root', workDir, '--page-size', '1'],
  env: { PATH: '/usr/bin:/bin', HOME: workDir },
  stderr: 'inherit',
});
const client = new Client({ name: 'devskyy-interop', version: '1.0.0' });

await check('connects and negotiates', async () => {
  await client.connect(transport);
  assert.equal(client.getServerVersion().name, 'devskyy');
  const capabilities = client.getServerCapabilities();
  assert.ok(capabilities.tools, 'tools capability');
  assert.ok(capabilities.logging, 'logging capability');
  assert.ok(client.getInstructions().includes('deny-by-default'));
});

const tools = [];
await check('lists tools following cursors', async () => {
  let cursor;
  let pages = 0;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  assert.ok(tools.some((t) => t.name === 'file_hash'));
  assert.equal(pages, tools.length, 'page size 1: one page per tool');
  const names = tools.map((t) => t.name);
  assert.deepEqual(names, [...names].sort(), 'sorted by name');
});

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const outputValidators = {};
await check('every input and output schema compiles with Ajv (JSON Schema 2020-12)', async () => {
  for (const tool of tools) {
    ajv.compile(tool.inputSchema);
    outputValidators[tool.name] = ajv.compile(tool.outputSchema);
  }
});

const small = join(workDir, 'small.txt');
writeFileSync(small, 'hello, interop\n');
await check('calls a tool; structuredContent matches its output schema', async () => {
  const result = await client.callTool({ name: 'file_hash', arguments: { path: small } });
  assert.equal(result.isError, false);
  const expected = createHash('sha256').update('hello, interop\n').digest('hex');
  assert.equal(result.structuredContent.digest, expected);
  assert.ok(result.content[0].text.startsWith(expected));
  assert.ok(outputValidators.file_hash(result.structuredContent), JSON.stringify(outputValidators.file_hash.errors));
});

await check('bad arguments come back as a result with isError', async () => {
  const result = await client.callTool({ name: 'file_hash', arguments: { path: small, algorithm: 'md5' } });
  assert.equal(result.isError, true);
  assert.equal(result.structuredContent.code, 'E4001');
  assert.match(result.content[0].text, /^E4001 INVALID_INPUT/);
});

await check('a path outside the granted root is denied', async () => {
  const result = await client.callTool({ name: 'file_hash', arguments: { path: '/etc/hostname' } });
  assert.equal(result.isError, true);
  assert.equal(result.structuredContent.code, 'E4003');
});

await check('an unknown method is -32601', async () => {
  await assert.rejects(
    client.request({ method: 'completion/complete', params: {} }, EmptyResultSchema),
    (error) => error instanceof McpError && error.code === -32601,
  );
});

await check('an unknown tool is -32602', async () => {
  await assert.rejects(
    client.callTool({ name: 'no_such_tool', arguments: {} }),
    (error) => error instanceof McpError && error.code === -32602,
  );
});

await check('ping', async () => {
  await client.ping();
});

await check('setLoggingLevel', async () => {
  await client.setLoggingLevel('debug');
  await assert.rejects(client.setLoggingLevel('loud'), (error) => error instanceof McpError && error.code === -32602);
});

await check('progress arrives, increasing, and a slow call can be cancelled', async () => {
  // A sparse 64 GiB file reads as zeros at memory speed: hashing it takes long enough to cancel.
  const big = join(workDir, 'big.bin');
  closeSync(openSync(big, 'w'));
  truncateSync(big, 64 * 1024 ** 3);
  const controller = new AbortController();
  const progress = [];
  const call = client.callTool({ name: 'file_hash', arguments: { path: big } }, undefined, {
    signal: controller.signal,
    onprogress: (p) => {
      progress.push(p.progress);
      if (progress.length === 3) controller.abort('enough');
    },
  });
  await assert.rejects(call);
  assert.ok(progress.length >= 3, `progress notifications: ${progress.length}`);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i] > progress[i - 1], 'increasing');
  await client.ping();
});

await client.close();
console.log(`interop: ${passed} passed, 0 failed`);
