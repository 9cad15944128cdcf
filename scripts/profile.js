#!/usr/bin/env node
// Profiles a synthesis (default: bench/scale.ts, N=1,000 GracefulWebApps in one chart) with
// `node --cpu-prof` and prints where the time goes, two ways:
//  - by phase: each sample goes to the innermost frame that names a phase (building constructs,
//    cdk8s validation and dependency resolution, our rules, JSON rendering/resolve, YAML printing,
//    file writes), so a YAML library call made while printing counts as printing;
//  - by code: self time per package or per file of ours.
//
//   node scripts/profile.js                       # N=1000, one chart
//   BENCH_N=1000 BENCH_LAYOUT=each node scripts/profile.js
//   node scripts/profile.js --keep out.cpuprofile # also keep the profile (for Chrome DevTools)
//   node scripts/profile.js --profile x.cpuprofile # only analyse an existing profile
//   node scripts/profile.js --functions lib/        # also: self time by function in files under lib/
//
// It runs what the benchmark runs (scripts/run-ts.js: one esbuild bundle of our sources) with an
// inline source map, and maps each sample in the bundle back to its source file with that map.
// Commit this method, not .cpuprofile files.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Runs `entry` under --cpu-prof; returns the profile's path. */
function record(entry) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-prof-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-out-'));
  const env = { ...process.env, BENCH_N: process.env.BENCH_N ?? '1000', BENCH_LAYOUT: process.env.BENCH_LAYOUT ?? 'one', CDK8S_OUTDIR: out };
  // Warm-up: the bundle is cached by content; a first run after an edit would profile esbuild.
  spawnSync(process.execPath, ['--enable-source-maps', path.join(__dirname, 'run-ts.js'), entry], { cwd: ROOT, env: { ...env, BENCH_N: '0' }, stdio: 'ignore' });
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', '--enable-source-maps', path.join(__dirname, 'run-ts.js'), entry],
    { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  fs.rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${entry} failed (exit ${r.status})`);
  const file = fs.readdirSync(dir).find(f => f.endsWith('.cpuprofile'));
  return path.join(dir, file);
}

/** Maps a position in the bundle of `entry` to its source file (relative to the project). */
function sourceMapper(entry) {
  const code = require('./load-ts').bundleOf(entry);
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code);
  if (!m) throw new Error(`no inline source map in the bundle of ${entry} (is node running with --enable-source-maps?)`);
  const map = new (require('module').SourceMap)(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')));
  const url = `file://${path.resolve(ROOT, entry)}`;
  return callFrame => {
    if (callFrame.url !== url && callFrame.url !== path.resolve(ROOT, entry)) return undefined;
    const found = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
    const source = found?.originalSource;
    if (!source) return undefined;
    const file = source.replace(/^file:\/\//, '');
    return path.isAbsolute(file) ? path.relative(ROOT, file) : path.normalize(file);
  };
}

/**
 * Phases, named by the code that does them. A sample goes to the innermost frame of its stack that
 * names a phase; a sample with none, under our code, is construct building. Module loading counts
 * only above our code (the entry point itself runs inside Module._compile). A frame is
 * `functionName` plus its file relative to the project (node_modules/<pkg>/… or lib/…).
 */
const PHASES = [
  ['file writes', f => /^(?:writeSync|writeFileSync|openSync|closeSync|mkdirSync)$/.test(f.name) && f.file.startsWith('node:')],
  ['YAML printing', f => f.pkg === 'yaml' || f.file === 'lib/yaml-print.ts' || (f.pkg === 'cdk8s' && /\/yaml\.js$/.test(f.file)) || (f.file === 'lib/synth.ts' && /^(?:compact|toYaml|save)$/.test(f.name))],
  // ApiObject.toJson: cdk8s-plus' _toKube, cdk8s' resolve, the generated k8s.js toJson_* mappers.
  ['JSON rendering (ApiObject.toJson)', f => (f.pkg === 'cdk8s' && (/\/resolve\.js$/.test(f.file) || (/\/api-object\.js$/.test(f.file) && f.name === 'toJson'))) || (f.pkg === 'cdk8s-plus-27' && /^toJson/.test(f.name))],
  ['our rules (rule pack)', f => f.file.startsWith('lib/rules/') || (f.file === 'lib/guard.ts' && /^(?:validate|findings)$/.test(f.name))],
  ['validation and dependency order (synthApp, cdk8s)', f => (f.file === 'lib/synth.ts' && /^(?:validate|resolveDependencies|dependencies|chartObjects|charts|Topology)$/.test(f.name)) || (f.pkg === 'cdk8s' && /\/dependency\.js$/.test(f.file))],
];
const isModuleLoading = f => /^(?:Module\._load|Module\._compile|Module\.require|compileFunction|loadTs|bundle)$/.test(f.name);
const isOurs = f => /^(?:lib|apps|bench)\//.test(f.file);

let mapSource = () => undefined;

function frameOf(callFrame) {
  let file = mapSource(callFrame) ?? callFrame.url.replace(/^file:\/\//, '');
  if (file.startsWith(ROOT + '/')) file = file.slice(ROOT.length + 1);
  // The innermost package: cdk8s bundles its own copies (node_modules/cdk8s/node_modules/yaml).
  const m = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  return { name: callFrame.functionName, file, pkg: m ? m[1] : undefined };
}

/** What a sample's own code is: a package, a file of ours, node internals or V8 (GC, idle, program). */
function codeOf(f) {
  if (f.pkg) return `node_modules/${f.pkg}`;
  if (f.file === '') return `(${f.name || 'anonymous'})`;
  if (f.file.startsWith('node:')) return 'node internals';
  return f.file;
}

function analyse(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample weights: the time to the next sample (timeDeltas[i + 1]); the last one gets the mean.
  const deltas = profile.timeDeltas;
  const weight = new Map();
  const total = profile.endTime - profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = i + 1 < deltas.length ? deltas[i + 1] : total / profile.samples.length;
    weight.set(id, (weight.get(id) ?? 0) + dt);
  });
  const phaseOfNode = new Map();
  const phaseOf = id => {
    if (phaseOfNode.has(id)) return phaseOfNode.get(id);
    const self = frameOf(byId.get(id).callFrame);
    let phase;
    if (self.name === '(garbage collector)') phase = 'garbage collection';
    else if (self.name === '(idle)' || self.name === '(program)' || self.name === '(root)') phase = 'V8 and idle (program, idle)';
    else {
      let ours = false;
      for (let n = id; n !== undefined && !phase; n = parent.get(n)) {
        const f = frameOf(byId.get(n).callFrame);
        phase = PHASES.find(([, test]) => test(f))?.[0];
        if (!phase && !ours && isModuleLoading(f)) phase = 'module loading';
        ours ||= isOurs(f);
      }
      phase ??= ours ? 'building constructs (our constructs, cdk8s-plus, cdk8s)' : 'node start-up and other';
    }
    phaseOfNode.set(id, phase);
    return phase;
  };
  const phases = new Map();
  const code = new Map();
  const functions = new Map();
  const prefix = arg('functions');
  for (const [id, w] of weight) {
    const p = phaseOf(id);
    phases.set(p, (phases.get(p) ?? 0) + w);
    const self = frameOf(byId.get(id).callFrame);
    const c = codeOf(self);
    code.set(c, (code.get(c) ?? 0) + w);
    if (prefix !== undefined && c.startsWith(prefix)) {
      const f = `${self.name || '(anonymous)'} (${c}:${byId.get(id).callFrame.lineNumber + 1} in the bundle)`;
      functions.set(f, (functions.get(f) ?? 0) + w);
    }
  }
  const sum = [...weight.values()].reduce((a, b) => a + b, 0);
  const table = (title, m, limit) => {
    const rows = [...m].sort((a, b) => b[1] - a[1]).slice(0, limit);
    console.log(`\n| ${title} | ms | share |\n| --- | --- | --- |`);
    for (const [k, v] of rows) console.log(`| ${k} | ${(v / 1000).toFixed(0)} | ${((100 * v) / sum).toFixed(1)} % |`);
  };
  console.log(`profile: ${path.basename(file)}, ${(sum / 1e6).toFixed(2)} s sampled, load average ${os.loadavg().map(x => x.toFixed(1)).join(' ')}`);
  table('Phase (innermost frame that names one)', phases, 20);
  table('Self time by code', code, Number(arg('top') ?? 15));
  if (prefix !== undefined) table(`Self time by function, in ${prefix}`, functions, Number(arg('top') ?? 15));
}

function main() {
  const existing = arg('profile');
  const entry = process.argv.find((a, i) => i >= 2 && a.endsWith('.ts')) ?? 'bench/scale.ts';
  const file = existing ?? record(entry);
  // The bundle is cached by content: the same one the profiled run used, while sources are unchanged.
  process.sourceMapsEnabled || process.setSourceMapsEnabled(true);
  mapSource = sourceMapper(entry);
  analyse(file);
  const keep = arg('keep');
  if (!existing) {
    if (keep) fs.copyFileSync(file, keep);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main();
