// The official MCP TypeScript SDK clients against one build of `bin/devskyy serve`: v2 pinned to
// 2026-07-28, v2 in 'auto' negotiation, and v1 (the 2025 initialize handshake).
// Usage: node clients.mjs PROJECT_ROOT WORK_DIR. Prints one line per check and a summary; exits
// non-zero when any check failed.
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioV2 } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [projectRoot, workDir] = process.argv.slice(2);
const content = 'hello, sdk clients\n';
const file = join(workDir, 'small.txt');
writeFileSync(file, content);
const serverParameters = {
  command: join(projectRoot, 'bin/devskyy'),
  args: ['serve', '--allow', 'filesystem:read', '--root', workDir],
  env: { PATH: '/usr/bin:/bin', HOME: workDir },
  stderr: 'inherit',
};

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}: ${error?.stack ?? error}`);
  }
}

/** The checks every client runs, whatever its era: list, a granted call, a denied call. */
async function exercise(label, client) {
  await check(`${label}: tools/list names the tools, sorted`, async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    assert.ok(names.includes('file_hash'), names.join(','));
    assert.deepEqual(names, [...names].sort());
  });
  await check(`${label}: file_hash inside the root returns the SHA-256`, async () => {
    const result = await client.callTool({ name: 'file_hash', arguments: { path: file } });
    assert.equal(result.isError, false, JSON.stringify(result));
    assert.equal(result.structuredContent.digest, createHash('sha256').update(content).digest('hex'));
  });
  await check(`${label}: file_hash outside the root is denied (E4003)`, async () => {
    const result = await client.callTool({ name: 'file_hash', arguments: { path: '/etc/hostname' } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.code, 'E4003');
  });
}

async function modernClient(label, mode) {
  const client = new ClientV2({ name: 'devskyy-sdk-v2', version: '1.0.0' }, { versionNegotiation: { mode } });
  let connected = false;
  await check(`${label}: connects in the modern era (server/discover, 2026-07-28)`, async () => {
    await client.connect(new StdioV2(serverParameters));
    connected = true;
    assert.equal(client.getProtocolEra(), 'modern');
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    assert.ok(client.getServerCapabilities()?.tools, 'tools capability');
    assert.equal(client.getServerVersion()?.name, 'devskyy', 'serverInfo in the discover result _meta');
  });
  if (connected) {
    await exercise(label, client);
    await client.close();
  }
}

async function legacyClient(label) {
  const client = new ClientV1({ name: 'devskyy-sdk-v1', version: '1.0.0' });
  let connected = false;
  await check(`${label}: connects with initialize (2025-11-25)`, async () => {
    await client.connect(new StdioV1(serverParameters));
    connected = true;
    assert.equal(client.getServerVersion().name, 'devskyy');
    assert.ok(client.getServerCapabilities().tools, 'tools capability');
  });
  if (connected) {
    await exercise(label, client);
    await client.close();
  }
}

await modernClient('v2 pinned 2026-07-28', { pin: '2026-07-28' });
await modernClient('v2 auto', 'auto');
await legacyClient('v1');
console.log(`sdk-clients: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
