// The consumer fixture's `npx cdk8s synth` (template: ts-node type-checks main.ts) with
// cdk8s-patterns vs the same template with plain cdk8s-plus-27 writing equivalent objects
// (bench/consumer-plain.ts), paired and interleaved in one installed copy of test/consumer/app.
// Goal: ≤ 1.1×. Run alone: node scripts/run-ts.js bench/consumer.ts   (BENCH_QUICK=1: 2 pairs)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { install, pack, sibling, tmpdir } = require('../scripts/consumer');

const PAIRS = process.env.BENCH_QUICK === '1' ? 2 : 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function synth(cwd: string): number {
  const started = process.hrtime.bigint();
  const r = spawnSync('npx', ['cdk8s', 'synth'], { cwd, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npx cdk8s synth failed in ${cwd}: ${r.stdout}${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const dir: string = tmpdir();
try {
  const ours: string = install(dir, pack(dir).tarball);
  const plain: string = sibling(ours, 'plain', {
    'cdk8s.yaml': fs.readFileSync(path.join(ours, 'cdk8s.yaml'), 'utf8'),
    'main.ts': fs.readFileSync(path.join(__dirname, 'consumer-plain.ts'), 'utf8'),
  });
  synth(ours); synth(plain); // warm-up: npx, the OS file cache
  const a: number[] = []; const b: number[] = []; const ratios: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const [x, y] = i % 2 === 0 ? [synth(plain), synth(ours)] : (() => { const yy = synth(ours); return [synth(plain), yy]; })();
    a.push(x); b.push(y); ratios.push(y / x);
  }
  const s = (xs: number[]) => `${(median(xs) / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
  const ratio = median(ratios);
  process.stdout.write([
    '| consumer fixture `npx cdk8s synth` | median (min–max) |',
    '| --- | --- |',
    `| plain cdk8s-plus-27, equivalent objects | ${s(a)} |`,
    `| cdk8s-patterns (the packed tarball) | ${s(b)} |`,
    `| ratio (median of ${PAIRS} paired runs) | ${ratio.toFixed(2)}× — goal ≤ 1.1×: ${ratio <= 1.1 ? 'met' : 'NOT met'} |`,
    '',
  ].join('\n'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
