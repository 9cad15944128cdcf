/**
 * Lint throughput: `cdk8s-patterns lint` on one file of 3,000 objects (realistic manifests: our
 * dist/ and the seed fixtures, renamed), end to end as a user runs it (process start included).
 * Goal: under 1 s of wall time on 2 cores. Not a test: numbers depend on the machine and its load.
 *
 *   npm run bench                      # or: npm run bench -- --objects 3000 --runs 7
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintSources } from '../lib/lint/lint';
import { parseYamlDocuments } from '../lib/lint/yaml-documents';
import { corpus } from './corpus';

const ROOT = path.join(__dirname, '..');
const GOAL_MS = 1000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
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

    // End to end, as a user runs it: a fresh process, TypeScript from the bundle cache (scripts/load-ts.js), JSON to a pipe.
    const cli = () => spawnSync(process.execPath, ['-r', path.join(__dirname, 'max-rss.js'), path.join(ROOT, 'bin/cdk8s-patterns.js'), 'lint', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const warm = cli(); // warm-up: fills the bundle cache and the OS file cache
    if (warm.status !== 1 || !warm.stdout.startsWith('{')) throw new Error(`unexpected lint result (exit ${warm.status}): ${warm.stderr.slice(0, 500)}`);
    const walls: number[] = [];
    const cpus: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [wall, r] = time(cli);
      const usage = /@usage max-rss-kib=(\d+) cpu-ms=(\d+)/.exec(r.stderr);
      if (!usage) throw new Error(`no usage report from the lint process: ${r.stderr.slice(-500)}`);
      walls.push(wall);
      rss.push(Number(usage[1]));
      cpus.push(Number(usage[2]));
    }
    const [startup] = time(() => spawnSync(process.execPath, [path.join(ROOT, 'bin/cdk8s-patterns.js'), '--version']));

    // In-process phases, for profiling: YAML parsing, then the rules and the report.
    const parse: number[] = [];
    const full: number[] = [];
    lintSources([{ file, content: text }]);
    for (let i = 0; i < Math.min(runs, 5); i++) {
      parse.push(time(() => parseYamlDocuments(text))[0]);
      full.push(time(() => lintSources([{ file, content: text }]))[0]);
    }

    console.log(`end to end (node bin/cdk8s-patterns.js lint --format json): ${summary(walls)}`);
    console.log(`  CPU time (user + system, all threads) ${summary(cpus)}`);
    console.log(`  peak RSS ${Math.round(Math.max(...rss) / 1024)} MiB; process start alone (--version): ${ms(startup)}`);
    console.log(`in process: lint ${summary(full)}; of which YAML parsing ${ms(median(parse))}`);
    console.log(`throughput: ${Math.round(objects / (median(walls) / 1000))} objects/s end to end`);
    console.log(`goal: ${objects} objects under ${ms(GOAL_MS)} end to end: ${median(walls) < GOAL_MS ? 'met' : 'missed'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
