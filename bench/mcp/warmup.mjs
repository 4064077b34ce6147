// How a server's pipelined throughput grows over one session: ROUNDS bursts of CALLS pipelined
// file_hash calls, each burst sent once the one before is answered, for devskyy serve on each JDK
// (and DEVSKYY_BENCH_BEFORE's build, as in bench.mjs) and for the TS SDK minimal server. The first
// bursts are what a host's session sees; the last, what a server that has run for long does.
// Usage: node warmup.mjs PROJECT_ROOT [rounds=8] [calls=10000]
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servers as allServers } from './servers.mjs';

const [projectRoot, roundsArg = '8', callsArg = '10000'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const calls = Number(callsArg);
const work = mkdtempSync(join(tmpdir(), 'devskyy-warmup-'));
const small = join(work, 'small.txt');
writeFileSync(small, 'a small file to hash\n');
const env = { PATH: '/usr/bin:/bin', HOME: work };

const message = (object) => JSON.stringify({ jsonrpc: '2.0', ...object }) + '\n';
const call = (id) => message({ id, method: 'tools/call', params: { name: 'file_hash', arguments: { path: small } } });

function session(server) {
  return new Promise((resolve, reject) => {
    const child = spawn(server.command, server.args, { env: { ...env, ...server.env }, stdio: ['pipe', 'pipe', 'ignore'] });
    const rates = [];
    let buffer = '';
    let answered = 0;
    let errors = 0;
    let started;
    const burst = () => {
      answered = 0;
      started = process.hrtime.bigint();
      let lines = '';
      for (let i = 1; i <= calls; i++) lines += call(i);
      child.stdin.write(lines);
    };
    const early = (code) => reject(new Error(`${server.name} exited (${code}) after ${rates.length} bursts`));
    child.on('exit', early);
    child.stdin.on('error', () => {}); // a server that died: reported by its exit
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const answer = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (answer.id === 0) {
          child.stdin.write(message({ method: 'notifications/initialized' }));
          burst();
          continue;
        }
        if (typeof answer.id !== 'number') continue; // a notification, not an answer
        if (answer.error || answer.result?.isError) errors++;
        if (++answered < calls) continue;
        rates.push(Math.round(calls / (Number(process.hrtime.bigint() - started) / 1e9)));
        if (rates.length < rounds) {
          burst();
        } else {
          child.removeListener('exit', early);
          child.stdin.end();
          child.on('exit', () => (errors ? reject(new Error(`${server.name}: ${errors} errors`)) : resolve(rates)));
        }
      }
    });
    child.stdin.write(message({
      id: 0, method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    }));
  });
}

const servers = allServers(projectRoot, work);

console.log(`pipelined file_hash calls/s in ${rounds} bursts of ${calls}, one session per server`);
for (const server of servers) {
  const rates = await session(server);
  console.log(`  ${server.name.padEnd(24)} ${rates.map((r) => String(r).padStart(6)).join(' ')}`);
}
