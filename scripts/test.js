#!/usr/bin/env node
// `npm test`: the type-check from the start, beside the build (scripts/build.js: a no-op when lib/ is
// unchanged; bin/ and plugin/ run the compiled build/) and then beside jest; exit status non-zero if
// any fails. The two never read each other's files (tsc --noEmit reads lib/, not build/), and after
// an edit the build keeps only one core busy: the type-check takes the other.
// tsc is incremental (its state in node_modules/.cache, never committed): after an edit it checks
// what the edit can affect; when no file it reads has changed since it last passed (a content hash,
// as the build's), it is not run again (its no-op alone costs ~4 s of CPU beside jest).
// Jest runs one worker per core, not its default cores - 1: the longest suite
// (test/proxy/behaviour.test.ts) mostly waits on HAProxy's timers, and tsc is short, so a core would
// otherwise idle (2 cores: 33 s vs 47 s). Arguments go to jest (`npm test -- test/synth.test.ts`);
// one that sets the workers (-w, --maxWorkers, -i, --runInBand) wins.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const bin = name => path.join(ROOT, 'node_modules', '.bin', name);
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-patterns');
const TSBUILDINFO = path.join(CACHE, 'tsc.tsbuildinfo');
const TYPECHECKED = path.join(CACHE, 'tsc.passed');

/** The hash of what `tsc --noEmit` reads: tsconfig.json's include (less its exclude), the lockfile, the compiler. */
function typeCheckInputs() {
  const { contentHash, files } = require('./build');
  const skip = ['bench/baseline', 'test/consumer'].map(d => path.join(ROOT, d));
  return contentHash(ROOT, [
    ...['lib', 'apps', 'test', 'bench'].flatMap(d => files(path.join(ROOT, d), skip)),
    ...['tsconfig.json', 'package-lock.json'].map(f => path.join(ROOT, f)),
  ], ['typescript']);
}

function run(cmd, args, { buffer = false } = {}) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    if (buffer) {
      child.stdout.on('data', d => (out += d));
      child.stderr.on('data', d => (out += d));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

async function main() {
  const started = Date.now();
  const inputs = typeCheckInputs();
  const unchanged = fs.existsSync(TYPECHECKED) && fs.readFileSync(TYPECHECKED, 'utf8') === inputs;
  // tsc's output is held back until jest is done, so the two never interleave.
  const tsc = unchanged
    ? Promise.resolve({ code: 0, out: '', skipped: true })
    : run(bin('tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', TSBUILDINFO], { buffer: true });
  const build = await run(process.execPath, [path.join(__dirname, 'build.js')]);
  if (build.code !== 0) {
    const types = await tsc;
    if (types.out) process.stdout.write(types.out);
    process.stdout.write('build (scripts/build.js): FAILED\n');
    process.exitCode = build.code;
    return;
  }
  const args = process.argv.slice(2);
  const workersGiven = args.some(a => /^(-w|-i|--maxWorkers|--runInBand)(=|$)/.test(a));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const jest = await run(bin('jest'), workersGiven ? args : [`--maxWorkers=${Math.max(1, cores)}`, ...args]);
  const types = await tsc;
  if (types.out) process.stdout.write(types.out);
  if (types.code === 0 && !types.skipped) {
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(TYPECHECKED, inputs);
  }
  process.stdout.write(`type-check (tsc --noEmit): ${types.skipped ? 'passed (no input changed since it last passed)' : types.code === 0 ? 'passed' : 'FAILED'}; jest: ${jest.code === 0 ? 'passed' : 'FAILED'}; ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exitCode = types.code !== 0 ? types.code : jest.code;
}

main();
