#!/usr/bin/env node
// `npm test`: the build (scripts/build.js: a no-op when lib/ is unchanged; bin/ and plugin/ run the
// compiled build/), then jest, with the type-check (tsconfig.json, no output) beside jest in this
// process; exit status non-zero if any fails. The build and the type-check compile with one
// scripts/typescript.js Compiler: after an edit in lib/ the type-check reuses the files the build
// parsed and bound (one tsc process each took 3.8 + 5.2 s of CPU after a one-line edit; together
// ~5.6 s). The type-check runs while jest's workers run (jest's output is not piped through here, so
// this process may be busy), and its report is held back until jest is done, so the two never
// interleave.
// The type-check is incremental (its state in node_modules/.cache, never committed): after an edit it
// checks what the edit can affect; when no file it reads has changed since it last passed (a content
// hash, as the build's), it is not run again (its no-op alone costs ~4 s of CPU beside jest).
// Jest runs one worker per core, not its default cores - 1: the longest suite
// (test/proxy/behaviour.test.ts) mostly waits on HAProxy's timers, and the type-check is short, so a
// core would otherwise idle (2 cores: 33 s vs 47 s). Arguments go to jest (`npm test --
// test/synth.test.ts`); one that sets the workers (-w, --maxWorkers, -i, --runInBand) wins.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { build, contentHash, files } = require('./build');
const { Compiler } = require('./typescript');

const ROOT = path.resolve(__dirname, '..');
const bin = name => path.join(ROOT, 'node_modules', '.bin', name);
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-patterns');
const TSBUILDINFO = path.join(CACHE, 'tsc.tsbuildinfo');
const TYPECHECKED = path.join(CACHE, 'tsc.passed');

/** The hash of what the type-check reads: tsconfig.json's include (less its exclude), the lockfile, the compiler. */
function typeCheckInputs() {
  const skip = ['bench/baseline', 'test/consumer'].map(d => path.join(ROOT, d));
  return contentHash(ROOT, [
    ...['lib', 'apps', 'test', 'bench'].flatMap(d => files(path.join(ROOT, d), skip)),
    ...['tsconfig.json', 'package-lock.json', 'scripts/typescript.js'].map(f => path.join(ROOT, f)),
  ], ['typescript']);
}

function run(cmd, args) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const started = Date.now();
  const inputs = typeCheckInputs();
  const unchanged = fs.existsSync(TYPECHECKED) && fs.readFileSync(TYPECHECKED, 'utf8') === inputs;
  const compiler = new Compiler();
  const typeCheck = () => {
    if (unchanged) return { ok: true, output: '', skipped: true };
    try {
      return compiler.compile('tsconfig.json', { noEmit: true, incremental: true, tsBuildInfoFile: TSBUILDINFO });
    } catch (e) {
      // A compiler that throws fails the type-check; jest, already running, still reports.
      return { ok: false, output: `type-check: TypeScript threw: ${e.stack}\n` };
    }
  };
  if (!(await build({ compiler }))) {
    process.stdout.write(typeCheck().output);
    process.stdout.write('build (scripts/build.js): FAILED\n');
    process.exitCode = 1;
    return;
  }
  const args = process.argv.slice(2);
  const workersGiven = args.some(a => /^(-w|-i|--maxWorkers|--runInBand)(=|$)/.test(a));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const jest = run(bin('jest'), workersGiven ? args : [`--maxWorkers=${Math.max(1, cores)}`, ...args]);
  const types = typeCheck();
  const jestCode = await jest;
  process.stdout.write(types.output);
  if (types.ok && !types.skipped) {
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(TYPECHECKED, inputs);
  }
  process.stdout.write(`type-check (tsc --noEmit): ${types.skipped ? 'passed (no input changed since it last passed)' : types.ok ? 'passed' : 'FAILED'}; jest: ${jestCode === 0 ? 'passed' : 'FAILED'}; ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exitCode = !types.ok ? 1 : jestCode;
}

main();
