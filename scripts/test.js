#!/usr/bin/env node
// `npm test`: the type-check and jest at the same time, exit status non-zero if either fails.
// On 2 cores jest runs one worker (cores - 1), so tsc takes the other core instead of running first.
// tsc is incremental (its state in node_modules/.cache, never committed): after an edit it checks
// what the edit can affect. Arguments go to jest (`npm test -- test/synth.test.ts`).
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const bin = name => path.join(ROOT, 'node_modules', '.bin', name);
const TSBUILDINFO = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-patterns', 'tsc.tsbuildinfo');

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
  // tsc's output is held back until jest is done, so the two never interleave.
  const tsc = run(bin('tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', TSBUILDINFO], { buffer: true });
  const jest = await run(bin('jest'), process.argv.slice(2));
  const types = await tsc;
  if (types.out) process.stdout.write(types.out);
  process.stdout.write(`type-check (tsc --noEmit): ${types.code === 0 ? 'passed' : 'FAILED'}; jest: ${jest.code === 0 ? 'passed' : 'FAILED'}; ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exitCode = types.code !== 0 ? types.code : jest.code;
}

main();
