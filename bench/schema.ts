// Schema validation speed (lib/schema): the 27 objects of dist/ validated in-process, after load,
// and the load itself, both ways the validators come: precompiled at build time (what the package
// ships) and compiled by ajv on first use (running from sources). Each load is a fresh process.
//   node scripts/run-ts.js bench/schema.ts      (BENCH_QUICK=1: fewer runs)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface ChildResult { objects: number; requireMs: number; loadMs: number; validateMs: number[]; mode: string; invalid: number }

/** In a fresh process: require, first validation (the load), then repeated validations. */
function child(dir: string | undefined): void {
  let t = process.hrtime.bigint();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseYamlDocuments } = require('../lib/lint/yaml-documents');
  const { StrictSchema } = require('../lib/schema/strict-schema');
  const { validateKubernetes } = require('../lib/schema/validate');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dist = path.join(ROOT, 'dist');
  const objects = fs.readdirSync(dist).sort().flatMap(f => parseYamlDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).map((d: { value: unknown }) => d.value));
  const requireMs = ms(t);
  t = process.hrtime.bigint();
  // The process-wide instance, from the precompiled directory when given.
  if (dir) (StrictSchema as any).shared = new StrictSchema(dir);
  const first = validateKubernetes(objects);
  const loadMs = ms(t);
  const validateMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = process.hrtime.bigint();
    validateKubernetes(objects);
    validateMs.push(ms(t));
  }
  const result: ChildResult = { objects: objects.length, requireMs, loadMs, validateMs, mode: StrictSchema.get().mode, invalid: first.filter((r: any) => r.problems.length > 0).length };
  process.stdout.write(JSON.stringify(result));
}

function run(dir: string | undefined): ChildResult {
  const r = spawnSync(process.execPath, ['scripts/run-ts.js', 'bench/schema.ts'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_SCHEMA_CHILD: dir ?? '-' },
  });
  if (r.status !== 0) throw new Error(`bench/schema.ts child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-schema-'));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeStandalone } = require('../lib/schema/compile');
    let t = process.hrtime.bigint();
    writeStandalone(tmp);
    const compileAll = ms(t);
    const size = fs.statSync(path.join(tmp, 'k8s-v1.27-validators.js')).size;
    const runs = QUICK ? 2 : 5;
    const rows: string[] = [];
    let worst = 0;
    for (const [label, dir] of [['precompiled (as shipped)', tmp], ['ajv on first use (from sources)', undefined]] as const) {
      run(dir); // warm-up (esbuild cache, disk cache)
      const results = Array.from({ length: runs }, () => run(dir));
      const validate = median(results.flatMap(r => r.validateMs));
      worst = Math.max(worst, validate);
      rows.push(`| ${label} | ${results[0].objects} | ${median(results.map(r => r.loadMs)).toFixed(0)} ms | `
        + `${validate.toFixed(1)} ms | ${Math.max(...results.flatMap(r => r.validateMs)).toFixed(1)} ms | ${results[0].invalid} | ${runs} × 20 |`);
    }
    process.stdout.write([
      `Build step (scripts/compile-schema.js, every kind): ${compileAll.toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(2)} MiB of validators`,
      '',
      '| Validators | Objects (dist/) | Load: first validation in a fresh process | Validation after load (median) | max | Invalid | Runs |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `| Goal | Measured | Target | |`,
      '| --- | --- | --- | --- |',
      `| validate dist/ in-process after load | ${worst.toFixed(1)} ms | ≤ 50 ms | ${worst <= 50 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.env.BENCH_SCHEMA_CHILD) child(process.env.BENCH_SCHEMA_CHILD === '-' ? undefined : process.env.BENCH_SCHEMA_CHILD);
else main();
