// The servers bench.mjs and warmup.mjs compare: devskyy serve on each installed JDK (17 or newer,
// one per major version), DEVSKYY_BENCH_BEFORE's build before it when set, and the TS SDK minimal
// server last (the anchor of every ratio). Each serves file_hash under the directory `work`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const jdks = readdirSync('/usr/lib/jvm')
  .map((name) => join('/usr/lib/jvm', name))
  .filter((home) => existsSync(join(home, 'release')) && existsSync(join(home, 'bin/java')))
  .map((home) => ({ home, major: Number(/JAVA_VERSION="(\d+)/.exec(readFileSync(join(home, 'release'), 'utf8'))[1]) }))
  .filter((jdk, i, all) => jdk.major >= 17 && all.findIndex((o) => o.major === jdk.major) === i)
  .sort((a, b) => a.major - b.major);

export function servers(projectRoot, work) {
  const devskyyAt = (root, label) => jdks.map((jdk) => ({
    name: `devskyy${label} (JDK ${jdk.major})`,
    command: join(root, 'bin/devskyy'),
    args: ['serve', '--allow', 'filesystem:read', '--root', work, '--audit-log', join(work, 'audit.log')],
    env: { JAVA_HOME: jdk.home },
  }));
  const before = process.env.DEVSKYY_BENCH_BEFORE;
  return [
    ...(before ? devskyyAt(before, ' before') : []),
    ...devskyyAt(projectRoot, ''),
    { name: 'TS SDK minimal server', command: process.execPath, args: [join(import.meta.dirname, 'ts-server.mjs')], env: {} },
  ];
}
