// Spawn → initialize latency (median of N), pipelined tools/call throughput and idle RSS, and
// per-call latency with 8 clients' calls in flight, for devskyy serve on each JDK and for the TS
// SDK minimal server, measured in one run.
// Usage: node bench.mjs PROJECT_ROOT [runs=20] [calls=10000]
// runs=0 skips the start-up figures. DEVSKYY_BENCH_BEFORE=DIR adds the devskyy of another checkout
// (a before build) beside this one, in the same run.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servers as allServers } from './servers.mjs';

const [projectRoot, runsArg = '20', callsArg = '10000'] = process.argv.slice(2);
const runs = Number(runsArg);
const calls = Number(callsArg);
const work = mkdtempSync(join(tmpdir(), 'devskyy-bench-'));
const small = join(work, 'small.txt');
writeFileSync(small, 'a small file to hash\n');
const env = { PATH: '/usr/bin:/bin', HOME: work };

const init = JSON.stringify({
  jsonrpc: '2.0', id: 0, method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
}) + '\n';
const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n';

function start(server) {
  const child = spawn(server.command, server.args, { env: { ...env, ...server.env }, stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const message = JSON.parse(line);
      for (const w of waiters) w(message);
    }
  });
  return { child, onMessage: (f) => waiters.push(f) };
}

function untilId(session, id) {
  return new Promise((resolve) => session.onMessage((m) => { if (m.id === id) resolve(m); }));
}

async function stop(session) {
  session.child.stdin.end();
  await new Promise((resolve) => session.child.on('exit', resolve));
}

async function initializeMillis(server) {
  const started = process.hrtime.bigint();
  const session = start(server);
  const answered = untilId(session, 0);
  session.child.stdin.write(init);
  await answered;
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  await stop(session);
  return millis;
}

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

// A session past the legacy handshake, ready for calls.
async function handshaken(server) {
  const session = start(server);
  const ready = untilId(session, 0);
  session.child.stdin.write(init);
  await ready;
  session.child.stdin.write(initialized);
  return session;
}

async function throughput(server) {
  const session = await handshaken(server);
  // warm-up, then idle RSS
  const warm = untilId(session, 'warm');
  session.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 'warm', method: 'tools/call', params: { name: 'file_hash', arguments: { path: small } } }) + '\n');
  await warm;
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = rssKiB(session.child.pid);
  let answered = 0;
  let errors = 0;
  const done = new Promise((resolve) => session.onMessage((m) => {
    if (typeof m.id === 'number' && m.id >= 1) {
      answered++;
      if (m.error || m.result?.isError) errors++;
      if (answered === calls) resolve();
    }
  }));
  const started = process.hrtime.bigint();
  let batch = '';
  for (let i = 1; i <= calls; i++) {
    batch += JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'file_hash', arguments: { path: small } } }) + '\n';
  }
  session.child.stdin.write(batch);
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = rssKiB(session.child.pid);
  await stop(session);
  return { perSecond: Math.round(calls / seconds), idleRss, peakRss, errors };
}

// Spawn → tools/list answer: what a host waits for before it can offer any tool. Legacy writes
// initialize, notifications/initialized and tools/list at once; modern (2026-07-28) sends one
// tools/list carrying its version in _meta, no handshake.
const modernMeta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
async function toolsListMillis(server, era) {
  const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: era === 'modern' ? { _meta: modernMeta } : {} }) + '\n';
  const started = process.hrtime.bigint();
  const session = start(server);
  const answered = untilId(session, 1);
  session.child.stdin.write(era === 'modern' ? list : init + initialized + list);
  const answer = await answered;
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  await stop(session);
  if (!answer.result?.tools?.length) throw new Error(`${server.name}: ${era} tools/list failed: ${JSON.stringify(answer).slice(0, 200)}`);
  return millis;
}

// "8 concurrent clients' worth of in-flight calls": an MCP host talks to a stdio server over one
// connection, so several agents (or sub-agents) of one host share it. Each of the 8 clients is a
// closed loop on that connection: it sends its next call as soon as its previous one is answered,
// so 8 calls are always in flight and each call's latency is its own request-to-answer time.
const CLIENTS = 8;

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function closedLoops(session, prefix, total) {
  const sentAt = new Map();
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const call = (id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'file_hash', arguments: { path: small } } }) + '\n';
  const sendNext = () => {
    const id = `${prefix}${sent++}`;
    sentAt.set(id, process.hrtime.bigint());
    session.child.stdin.write(call(id));
  };
  const done = new Promise((resolve) => session.onMessage((m) => {
    const started = sentAt.get(m.id);
    if (started === undefined) return;
    sentAt.delete(m.id);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (m.error || m.result?.isError) errors++;
    if (latencies.length === total) resolve();
    else if (sent < total) sendNext();
  }));
  const started = process.hrtime.bigint();
  for (let i = 0; i < Math.min(CLIENTS, total); i++) sendNext();
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { latencies, errors, seconds };
}

async function latencyUnderLoad(server) {
  const session = await handshaken(server);
  await closedLoops(session, 'warm-', calls); // both servers' compilers get the same warm-up
  const { latencies, errors, seconds } = await closedLoops(session, 'c-', calls);
  const rss = rssKiB(session.child.pid);
  await stop(session);
  const sorted = latencies.sort((a, b) => a - b);
  return { median: median(sorted), p99: percentile(sorted, 0.99), perSecond: Math.round(calls / seconds), rss, errors };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const servers = allServers(projectRoot, work);

// one untimed start each, so archives and caches exist before timing
for (const server of servers) await initializeMillis(server);

// Start-up figures: each round times every server once, in turn, so that a change in the machine's
// load during the run touches every server alike (one server's runs in a block did not).
async function interleaved(measure) {
  const times = servers.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let s = 0; s < servers.length; s++) times[s].push(await measure(servers[s]));
  }
  return times;
}

if (runs > 0) {
  const initTimes = await interleaved(initializeMillis);
  const results = servers.map((server, s) => {
    const times = initTimes[s];
    return { server, init: median(times), min: Math.min(...times), max: Math.max(...times) };
  });
  const ts = results.at(-1).init;
  console.log(`spawn -> initialize response, median of ${runs} (ms)`);
  for (const r of results) {
    console.log(`  ${r.server.name.padEnd(24)} median ${r.init.toFixed(1).padStart(7)}  min ${r.min.toFixed(1).padStart(7)}  max ${r.max.toFixed(1).padStart(7)}  ratio to TS SDK ${(r.init / ts).toFixed(2)}`);
  }
  console.log(`spawn -> tools/list response, median of ${runs} (ms); legacy: initialize + initialized + tools/list written at once, modern: one 2026-07-28 tools/list`);
  console.log('  (the TS SDK 1.x speaks no 2026-07-28: its "modern" figure is a tools/list without handshake, _meta ignored)');
  for (const era of ['legacy', 'modern']) {
    const listTimes = await interleaved((server) => toolsListMillis(server, era));
    const listed = servers.map((server, s) => {
      const times = listTimes[s];
      return { server, median: median(times), min: Math.min(...times), max: Math.max(...times) };
    });
    const anchor = listed.at(-1).median;
    for (const r of listed) {
      console.log(`  ${era.padEnd(7)}${r.server.name.padEnd(24)} median ${r.median.toFixed(1).padStart(7)}  min ${r.min.toFixed(1).padStart(7)}  max ${r.max.toFixed(1).padStart(7)}  ratio to TS SDK ${(r.median / anchor).toFixed(2)}`);
    }
  }
}
console.log(`pipelined tools/call (file_hash of a small file), ${calls} calls`);
const pipelined = [];
for (const server of servers) pipelined.push(await throughput(server));
const tsPerSecond = pipelined.at(-1).perSecond;
servers.forEach((server, i) => {
  const t = pipelined[i];
  console.log(`  ${server.name.padEnd(24)} ${String(t.perSecond).padStart(7)} calls/s  idle RSS ${(t.idleRss / 1024).toFixed(1)} MiB  after ${(t.peakRss / 1024).toFixed(1)} MiB  errors ${t.errors}  ratio to TS SDK ${(t.perSecond / tsPerSecond).toFixed(2)}`);
});
console.log(`${CLIENTS} clients in closed loops on one connection (file_hash), ${calls} calls after ${calls} warm-up calls`);
for (const server of servers) {
  const l = await latencyUnderLoad(server);
  console.log(`  ${server.name.padEnd(24)} median ${l.median.toFixed(2).padStart(6)} ms  p99 ${l.p99.toFixed(2).padStart(6)} ms  p99/median ${(l.p99 / l.median).toFixed(2)}  ${String(l.perSecond).padStart(6)} calls/s  RSS after all ${(l.rss / 1024).toFixed(1)} MiB  errors ${l.errors}`);
}
