/**
 * Lint throughput: `cdk8s-patterns lint` on one file of 3,000 objects (realistic manifests: our
 * dist/ and the seed fixtures, renamed), end to end as a user runs it (process start included).
 * Goal: under 1 s of wall time on 2 cores. Not a test: numbers depend on the machine and its load.
 *
 *   npm run bench                      # or: npm run bench -- --objects 3000 --runs 7
 *   node scripts/run-ts.js bench/lint-throughput.ts --baseline /tmp/base   # paired with another checkout's bin
 *   node scripts/run-ts.js bench/lint-throughput.ts --profile 3            # where a cold run's time goes
 *
 * `--baseline <checkout>` alternates each run with that checkout's `bin/cdk8s-patterns.js` (built, with
 * its node_modules) and reports its figures and the median of the per-pair ratios, after checking
 * that both print the same JSON. `--profile <n>` runs the CLI (and the baseline's) under
 * `node --cpu-prof` n times and prints the median time and share of each phase, each sample going to
 * the innermost frame that names one (GC and module loading count as such wherever they happen).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintSources } from '../lib/lint/lint';
import { parseFast, parseYamlDocuments } from '../lib/lint/yaml-documents';
import { corpus } from './corpus';

const ROOT = path.join(__dirname, '..');
const GOAL_MS = 1000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function stringOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A CLI run of `bin` on `file`: wall time, CPU time and peak RSS (bench/max-rss.js), and its output. */
function lintRun(bin: string, file: string, node: string[] = []) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...node, '-r', path.join(__dirname, 'max-rss.js'), bin, 'lint', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = /@usage max-rss-kib=(\d+) cpu-ms=(\d+)/.exec(r.stderr);
  if (!usage || !r.stdout.startsWith('{')) throw new Error(`unexpected lint result from ${bin} (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return { wall, rssKib: Number(usage[1]), cpu: Number(usage[2]), stdout: r.stdout };
}

/** Phases of a cold lint, by the function that does them (in build/ or the CLI bundle). */
const PHASES: [string, (name: string, url: string) => boolean][] = [
  ['YAML parsing (fast path)', name => /^parseFast\d*$/.test(name)],
  ['YAML parsing (reference reader)', (name, url) => /yaml-reference\.js$/.test(url) || /^parseYamlDocumentsReference\d*$/.test(name)],
  ['lines of findings', name => /^(?:lineOf|locatorOf)\d*$/.test(name)],
  ['rules (evaluate)', name => /^evaluate\d*$/.test(name)],
  ['JSON report', name => /^jsonReport\d*$/.test(name)],
  ['template check', name => /^templateLine\d*$/.test(name)],
  ['rest of lintSources (decode, findings, sort)', name => /^lintSources\d*$/.test(name)],
  ['writing stdout', (name, url) => url.startsWith('node:') && /^(?:writeSync|writeGeneric|writeOrBuffer|_write)$/.test(name)],
  ['reading the file', (name, url) => url.startsWith('node:') && name === 'readFileSync'],
  ['module loading', name => name === 'Module._load'],
];

/** Median time (ms) and share of each phase over `runs` cold CLI runs under `node --cpu-prof`. */
function profile(bin: string, file: string, runs: number): void {
  const shares = new Map<string, { ms: number[]; share: number[] }>();
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-lint-prof-'));
    try {
      lintRun(bin, file, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200']);
      const prof = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir).find(f => f.endsWith('.cpuprofile'))!), 'utf8'));
      const byId = new Map<number, any>(prof.nodes.map((n: any) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const phaseOf = (id: number): string => {
        const self = byId.get(id).callFrame.functionName;
        if (self === '(garbage collector)') return 'garbage collection';
        if (self === '(program)' || self === '(idle)' || self === '(root)') return 'V8 and idle';
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
          const { functionName, url } = byId.get(n).callFrame;
          const found = PHASES.find(([, test]) => test(functionName, url));
          if (found) return found[0];
        }
        return 'start-up and other';
      };
      const ms = new Map<string, number>();
      let total = 0;
      prof.samples.forEach((id: number, k: number) => {
        const dt = (prof.timeDeltas[k + 1] ?? 0) / 1000;
        total += dt;
        ms.set(phaseOf(id), (ms.get(phaseOf(id)) ?? 0) + dt);
      });
      for (const [phase, t] of ms) {
        const entry = shares.get(phase) ?? { ms: [], share: [] };
        entry.ms.push(t);
        entry.share.push((100 * t) / total);
        shares.set(phase, entry);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nprofile of ${bin}: median of ${runs} cold runs (node --cpu-prof), load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
  console.log('| Phase | ms | share |\n| --- | --- | --- |');
  const med = (xs: number[]) => median([...xs, ...Array(runs - xs.length).fill(0)]);
  for (const [phase, { ms, share }] of [...shares].sort((a, b) => med(b[1].ms) - med(a[1].ms))) {
    console.log(`| ${phase} | ${Math.round(med(ms))} | ${med(share).toFixed(1)} % |`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;
const summary = (xs: number[]) => `median ${ms(median(xs))} (min ${ms(Math.min(...xs))} – max ${ms(Math.max(...xs))}, ${xs.length} runs)`;

function time<T>(f: () => T): [number, T] {
  const start = process.hrtime.bigint();
  const value = f();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

function main(): void {
  const objects = option('objects', 3000);
  const runs = option('runs', 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-bench-'));
  try {
    const file = path.join(dir, 'manifests.yaml');
    const text = corpus(objects);
    fs.writeFileSync(file, text);
    console.log(`lint throughput: ${objects} objects, ${(text.length / 1e6).toFixed(1)} MB in one file`);
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);

    // End to end, as a user runs it: a fresh process running the compiled CLI (build/), JSON to a pipe.
    const bin = path.join(ROOT, 'bin/cdk8s-patterns.js');
    const baselineDir = stringOption('baseline');
    const baselineBin = baselineDir && path.resolve(baselineDir, 'bin/cdk8s-patterns.js');
    const profiles = option('profile', 0);
    if (profiles > 0) {
      for (const b of baselineBin ? [baselineBin, bin] : [bin]) profile(b, file, profiles);
      return;
    }
    const warm = lintRun(bin, file); // warm-up: the OS file cache
    if (baselineBin && lintRun(baselineBin, file).stdout !== warm.stdout) throw new Error(`${baselineBin} prints other JSON`);
    const walls: number[] = [];
    const cpus: number[] = [];
    const rss: number[] = [];
    const base = { walls: [] as number[], cpus: [] as number[], ratios: [] as number[], cpuRatios: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const b = baselineBin ? lintRun(baselineBin, file) : undefined;
      const r = lintRun(bin, file);
      walls.push(r.wall);
      rss.push(r.rssKib);
      cpus.push(r.cpu);
      if (b) {
        base.walls.push(b.wall);
        base.cpus.push(b.cpu);
        base.ratios.push(r.wall / b.wall);
        base.cpuRatios.push(r.cpu / b.cpu);
      }
    }
    const [startup] = time(() => spawnSync(process.execPath, [path.join(ROOT, 'bin/cdk8s-patterns.js'), '--version']));

    // In-process phases, for profiling: YAML parsing, then the rules and the report.
    const parse: number[] = [];
    // The block scanner against js-yaml's events for the same pieces (both build the same documents), paired.
    const readerRatios: number[] = [];
    const full: number[] = [];
    lintSources([{ file, content: text }]);
    for (let i = 0; i < Math.min(runs, 5); i++) {
      parse.push(time(() => parseYamlDocuments(text))[0]);
      readerRatios.push(parse[parse.length - 1] / time(() => parseFast(text, 'events'))[0]);
      full.push(time(() => lintSources([{ file, content: text }]))[0]);
    }

    console.log(`end to end (node bin/cdk8s-patterns.js lint --format json): ${summary(walls)}`);
    console.log(`  CPU time (user + system, all threads) ${summary(cpus)}`);
    console.log(`  peak RSS ${Math.round(Math.max(...rss) / 1024)} MiB; process start alone (--version): ${ms(startup)}`);
    console.log(`in process: lint ${summary(full)}; of which YAML parsing ${ms(median(parse))} (${median(readerRatios).toFixed(2)}× the time of js-yaml's events for the same pieces, median of paired ratios)`);
    if (baselineBin) {
      console.log(`baseline ${baselineBin}: ${summary(base.walls)}; CPU time median ${ms(median(base.cpus))}`);
      console.log(`  this checkout / baseline, median of ${runs} paired ratios: wall ${median(base.ratios).toFixed(2)}×, CPU time ${median(base.cpuRatios).toFixed(2)}×`);
    }
    console.log(`throughput: ${Math.round(objects / (median(walls) / 1000))} objects/s end to end`);
    console.log(`goal: ${objects} objects under ${ms(GOAL_MS)} end to end: ${median(walls) < GOAL_MS ? 'met' : 'missed'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
