// npm run bench: whole-process benchmarks with warm-up, medians, min–max, peak RSS and paired ratios.
// Not part of npm test. BENCH_QUICK=1 runs fewer repetitions (for a smoke run, not for figures);
// BENCH_ONLY=3,6 runs only those sections (1 CLI, 2 direct synth, 3 scale, 4 rules, 5 lint, 6 tests, 7 schema, 8 consumer),
// BENCH_SCALE_N=1000 only those N in section 3.
// Each row also gives the CPU time (user + system, from /usr/bin/time), which a busy machine
// inflates far less than wall time, and the load average when the section started.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const TIME = '/usr/bin/time';

interface Cmd {
  readonly label: string;
  readonly argv: string[];
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

interface Sample { readonly ms: number; readonly rssMiB: number; readonly cpuMs: number }

/** One run of a whole process: wall time from our clock, peak RSS from /usr/bin/time. */
function runOnce(cmd: Cmd): Sample {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-out-'));
  const useTime = fs.existsSync(TIME);
  const argv = useTime ? [TIME, '-f', 'BENCH_RSS_KB=%M BENCH_CPU_S=%U+%S', ...cmd.argv] : cmd.argv;
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: cmd.cwd ?? ROOT,
    env: { ...process.env, CDK8S_OUTDIR: out, CDK8S_CHECK_UPGRADE: 'false', ...cmd.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${cmd.label} failed (${r.status}): ${r.stderr}`);
  const kb = Number(/BENCH_RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  const cpu = /BENCH_CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return { ms, rssMiB: kb / 1024, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface Stats { label: string; median: number; min: number; max: number; cpu: number; rss: number; n: number }

function stats(label: string, samples: Sample[]): Stats {
  const ms = samples.map(s => s.ms);
  return { label, median: median(ms), min: Math.min(...ms), max: Math.max(...ms), cpu: median(samples.map(s => s.cpuMs)), rss: Math.max(...samples.map(s => s.rssMiB)), n: ms.length };
}

/** A and B alternated (order flipped every pair) after one warm-up each; the ratio is per pair. */
function paired(a: Cmd, b: Cmd, pairs: number): { a: Stats; b: Stats; ratio: number; cpuRatio: number; ratios: number[] } {
  runOnce(a);
  runOnce(b);
  const sa: Sample[] = [];
  const sb: Sample[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let x: Sample;
    let y: Sample;
    if (i % 2 === 0) {
      x = runOnce(a);
      y = runOnce(b);
    } else {
      y = runOnce(b);
      x = runOnce(a);
    }
    sa.push(x);
    sb.push(y);
    ratios.push(y.ms / x.ms);
    cpuRatios.push(y.cpuMs / x.cpuMs);
  }
  return { a: stats(a.label, sa), b: stats(b.label, sb), ratio: median(ratios), cpuRatio: median(cpuRatios), ratios };
}

/**
 * Runs of `cmd` each after a one-line edit (a comment) at the end of a file in lib/, so that what
 * keys on lib/'s content (the build, the type-check) runs as after a real edit. After each run the
 * file is restored, rebuilt and its type-check record put back (the original passed it), untimed,
 * so that the next run of anything starts from the unedited state again.
 */
function afterEdit(cmd: Cmd, runs: number): Stats {
  const file = path.join(ROOT, 'lib', 'rules', 'ids.ts');
  const passed = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-patterns', 'tsc.passed');
  const original = fs.readFileSync(file, 'utf8');
  const record = fs.existsSync(passed) ? fs.readFileSync(passed, 'utf8') : undefined;
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      fs.writeFileSync(file, `${original}// bench edit ${i} ${process.hrtime.bigint()}\n`);
      try {
        samples.push(runOnce(cmd));
      } finally {
        fs.writeFileSync(file, original);
        spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'ignore' });
        if (record !== undefined) fs.writeFileSync(passed, record);
      }
    }
  } finally {
    fs.writeFileSync(file, original);
  }
  return stats(cmd.label, samples);
}

const rows: string[] = [];
const goals: string[] = [];
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const row = (s: Stats) => rows.push(`| ${s.label} | ${fmt(s.median)} | ${fmt(s.min)}–${fmt(s.max)} | ${fmt(s.cpu)} | ${s.rss.toFixed(0)} MiB | ${s.n} |`);
const load = () => os.loadavg().map(x => x.toFixed(1)).join(' ');
const ONLY = process.env.BENCH_ONLY?.split(',').map(Number);
/** BENCH_SCALE_N=1000: only these N in section 3. */
const SCALE_N = process.env.BENCH_SCALE_N?.split(',').map(Number);
/** Runs section `n` unless BENCH_ONLY leaves it out; notes the load average it started under. */
function section(n: number, title: string, body: () => void): void {
  if (ONLY && !ONLY.includes(n)) return;
  console.error(`${n}/8 ${title} (load average ${load()})`);
  rows.push(`| *${n}. ${title}: load average ${load()} at the start* | | | | | |`);
  body();
}

function goal(name: string, ratio: number, limit: number, unit = '×', note = ''): void {
  const ok = ratio <= limit;
  goals.push(`| ${name} | ${ratio.toFixed(2)}${unit}${note} | ≤ ${limit}${unit} | ${ok ? 'met' : 'NOT met'} |`);
  console.error(`  ${name}: ${ratio.toFixed(2)}${unit}${note} (goal ≤ ${limit}${unit}) ${ok ? 'met' : 'NOT met'}`);
}
const cpuNote = (r: { cpuRatio: number }) => ` (CPU time ${r.cpuRatio.toFixed(2)}×)`;

function appCommand(): string[] {
  // The direct path is exactly what cdk8s.yaml runs, minus the CLI.
  const app = /^app:\s*(.+)$/m.exec(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'))![1].trim();
  return app.split(/\s+/);
}

const NODE = process.execPath;
// Scale runs use one loader for ours, the baseline and the floor, so the ratios compare the work.
const loader = (file: string) => [NODE, 'scripts/run-ts.js', file];
const pairsFor = (n: number) => (QUICK ? 2 : n >= 1000 ? 3 : n >= 100 ? 5 : 7);

function main(): void {
  const baselineDir = path.join(ROOT, 'bench', 'baseline');
  const npx = (cwd: string): Cmd => ({ label: '', argv: ['npx', 'cdk8s', 'synth'], cwd });

  section(1, 'npx cdk8s synth: baseline template vs this project', () => {
    const synth = paired({ ...npx(baselineDir), label: 'baseline: `npx cdk8s synth` (cdk8s init template, ts-node)' },
      { ...npx(ROOT), label: 'cdk8s-patterns: `npx cdk8s synth` (all apps)' }, pairsFor(1));
    row(synth.a); row(synth.b);
    goal('`npx cdk8s synth` vs baseline template', synth.ratio, 0.45, '×', cpuNote(synth));
  });

  section(2, 'direct synth vs loading the libraries', () => {
    const direct = paired({ label: 'node -e "require(\'cdk8s-plus-27\')"', argv: [NODE, '-e', "require('cdk8s-plus-27')"] },
      { label: `direct synth of all apps: \`${appCommand().join(' ')}\``, argv: appCommand() }, pairsFor(1));
    row(direct.a); row(direct.b);
    goal('direct synth vs require(cdk8s-plus-27)', direct.ratio, 1.3, '×', cpuNote(direct));
  });

  section(3, 'scale: N GracefulWebApps vs baseline cdk8s-plus vs plain objects', () => {
    for (const n of SCALE_N ?? (QUICK ? [1, 100] : [1, 10, 100, 1000])) {
      for (const layout of ['one', 'each']) {
        const env = { BENCH_N: String(n), BENCH_LAYOUT: layout };
        const where = layout === 'one' ? 'one chart' : 'one chart each';
        const floor: Cmd = { label: `floor (plain objects → yaml), N=${n}, ${where}`, argv: loader('bench/floor.ts'), env };
        const ours: Cmd = { label: `GracefulWebApp + synthApp, N=${n}, ${where}`, argv: loader('bench/scale.ts'), env };
        const base: Cmd = { label: `baseline cdk8s-plus + app.synth(), N=${n}, ${where}`, argv: loader('bench/baseline/main.ts'), env };
        const vsFloor = paired(floor, ours, pairsFor(n));
        const baseVsFloor = paired(floor, base, n >= 1000 && layout === 'each' ? Math.min(2, pairsFor(n)) : pairsFor(n));
        row(vsFloor.a); row(vsFloor.b); row(baseVsFloor.b);
        rows.push(`| ↳ ratios to the floor: ours ${vsFloor.ratio.toFixed(2)}× (CPU ${vsFloor.cpuRatio.toFixed(2)}×), baseline ${baseVsFloor.ratio.toFixed(2)}× (CPU ${baseVsFloor.cpuRatio.toFixed(2)}×) | | | | | |`);
        if (n === 1000 || (QUICK && n === 100)) {
          goal(`N=${n} ${where}: ours vs floor`, vsFloor.ratio, layout === 'one' ? 1.3 : 2, '×', cpuNote(vsFloor));
          goal(`N=${n} ${where}: peak RSS`, vsFloor.b.rss, 200, ' MiB');
        }
      }
    }
  });

  section(3, 'output: synthApp writes what app.synth() writes', () => {
    for (const layout of QUICK ? ['one'] : ['one', 'each']) {
      // cdk8s' App.synth() is quadratic in charts (200 charts: 46 s of CPU), so 60 there.
      const n = QUICK ? 100 : layout === 'one' ? 1000 : 60;
      const dirs = ['app', 'synthApp'].map(how => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${how}-`));
        const r = spawnSync(NODE, loader('bench/scale.ts').slice(1), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_N: String(n), BENCH_LAYOUT: layout, BENCH_SYNTH: how, CDK8S_OUTDIR: dir } });
        if (r.status !== 0) throw new Error(`bench/scale.ts (${how}) failed: ${r.stderr}`);
        return dir;
      });
      const files = fs.readdirSync(dirs[0]).sort();
      const same = files.length > 0 && files.join() === fs.readdirSync(dirs[1]).sort().join() && files.every(f => fs.readFileSync(path.join(dirs[0], f)).equals(fs.readFileSync(path.join(dirs[1], f))));
      rows.push(`| N=${n}, ${layout === 'one' ? 'one chart' : 'one chart each'}: synthApp's ${files.length} file(s) byte-identical to app.synth()'s: ${same ? 'yes' : 'NO'} | | | | | |`);
      dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true }));
      if (!same) throw new Error(`synthApp and app.synth() differ at N=${n}, ${layout}`);
    }
  });

  section(4, 'rule pack overhead', () => {
    const n = QUICK ? 100 : 1000;
    const env = { BENCH_N: String(n), BENCH_LAYOUT: 'each' };
    const rules = paired({ label: `rules off, N=${n}, one chart each`, argv: loader('bench/scale.ts'), env: { ...env, BENCH_RULES: 'off' } },
      { label: `rules on, N=${n}, one chart each`, argv: loader('bench/scale.ts'), env }, pairsFor(n));
    row(rules.a); row(rules.b);
    goal(`rule pack overhead at N=${n}`, (rules.ratio - 1) * 100, 15, ' %', ` (CPU time ${((rules.cpuRatio - 1) * 100).toFixed(1)} %)`);
  });

  section(5, 'lint throughput', () => {
    const lintBench = path.join(ROOT, 'bench', 'lint-throughput.ts');
    const r = spawnSync(NODE, ['scripts/run-ts.js', lintBench], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_QUICK: QUICK ? '1' : '' } });
    rows.push('| lint: see below | | | | | |');
    process.stdout.write(`\n### Lint throughput (bench/lint-throughput.ts)\n\n${r.stdout}\n`);
    const m = /end to end .*?: median (\d+) ms/.exec(r.stdout);
    if (m) goal('lint of 3,000 objects, end to end', Number(m[1]) / 1000, 1, ' s');
  });

  section(6, 'npm test: the type-check and jest', () => {
    // Paired with the previous command (type-check, then jest), so the ratio survives the load.
    // npm test's tsc is incremental: after the warm-up it is the inner loop's warm case.
    const tests = paired({ label: '`tsc --noEmit && jest` (before: one after the other, tsc from scratch)', argv: ['sh', '-c', 'node_modules/.bin/tsc --noEmit && node_modules/.bin/jest --silent'] },
      { label: '`npm test` (incremental type-check beside jest, scripts/test.js)', argv: ['npm', 'test', '--silent'] }, QUICK ? 1 : 2);
    row(tests.a); row(tests.b);
    rows.push(`| ↳ npm test vs before: ${tests.ratio.toFixed(2)}× (CPU ${tests.cpuRatio.toFixed(2)}×) | | | | | |`);
    goal('`npm test` wall time', tests.b.median / 1000, 30, ' s', ` (load average ${load()})`);
    // The inner loop's other case: a one-line edit in lib/, so the build and the type-check run.
    const edited = afterEdit({ label: '`npm test` after a one-line edit in lib/', argv: ['npm', 'test', '--silent'] }, QUICK ? 1 : 2);
    row(edited);
    rows.push(`| ↳ after an edit vs no edit: ${(edited.median / tests.b.median).toFixed(2)}× (CPU ${(edited.cpu / tests.b.cpu).toFixed(2)}×) | | | | | |`);
    goal('`npm test` wall time after an edit', edited.median / 1000, 30, ' s', ` (load average ${load()})`);
  });

  // Issue 14: schema validation speed, in-process (its own table).
  section(7, 'schema validation (bench/schema.ts)', () => {
    const schema = spawnSync(NODE, ['scripts/run-ts.js', 'bench/schema.ts'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_QUICK: QUICK ? '1' : '' } });
    process.stdout.write(`\n### Schema validation (bench/schema.ts)\n\n${schema.status === 0 ? schema.stdout : `failed: ${schema.stderr}`}\n`);
  });

  // Issue 10: what a user installs. The consumer fixture's `npx cdk8s synth` with the packed tarball vs
  // plain cdk8s-plus-27 writing equivalent objects in the same template (its own table).
  section(8, 'consumer fixture: npx cdk8s synth, ours vs plain cdk8s-plus-27 (bench/consumer.ts)', () => {
    const consumer = spawnSync(NODE, ['scripts/run-ts.js', 'bench/consumer.ts'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_QUICK: QUICK ? '1' : '' } });
    process.stdout.write(`\n### Consumer fixture (bench/consumer.ts)\n\n${consumer.status === 0 ? consumer.stdout : `failed: ${consumer.stderr}`}\n`);
  });

  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  process.stdout.write([
    '',
    `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${os.loadavg().map(x => x.toFixed(2)).join(' ')}`,
    '',
    '| Command | Median | Min–max | CPU (median) | Peak RSS | Runs |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '| Goal | Measured (median of paired ratios) | Target | |',
    '| --- | --- | --- | --- |',
    ...goals,
    '',
    'Reproduce single figures with public tools, e.g.:',
    '  /usr/bin/time -v npx cdk8s synth',
    '  (cd bench/baseline && /usr/bin/time -v npx cdk8s synth)',
    "  hyperfine -w 1 'npx cdk8s synth' 'cd bench/baseline && npx cdk8s synth'",
    "  BENCH_N=1000 BENCH_LAYOUT=each /usr/bin/time -v node scripts/run-ts.js bench/scale.ts",
    "  hyperfine -w 1 -L s floor,scale 'BENCH_N=1000 BENCH_LAYOUT=each node scripts/run-ts.js bench/{s}.ts'",
    '',
  ].join('\n'));
}

main();
