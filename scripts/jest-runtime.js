// Jest runtime (jest.config.js `runtime`): jest's own, reading the files it loads as modules once per
// worker instead of once per test file.
//
// Each test file gets a fresh module registry, and jest-runtime reads every module's source again for
// it: cdk8s-plus-27 alone is 2.5 MB (lib/imports/k8s.js), and a test file of ours loads ~120-200
// modules. In a profile of the whole suite, reading those files (open, read, decode) was 3.8 s of the
// 8.7 s jest spent loading modules. Only files that no test writes are kept: node_modules/, lib/ and
// test/ (never build/, which tests rebuild, nor temporary files). The cache belongs to one run: jest's
// globalSetup gives each run its own TMPDIR (scripts/jest-tmpdir.js), so a watch-mode rerun in the same
// process, after an edit, reads the files again.
'use strict';
const path = require('path');
const Runtime = require('jest-runtime').default;

const ROOT = path.resolve(__dirname, '..');
const READ_ONLY = ['node_modules', 'lib', 'test'].map(dir => path.join(ROOT, dir) + path.sep);
const READ_ONLY_EXCEPT = [path.join(ROOT, 'test', 'consumer') + path.sep];

let run;
let sources = new Map();

function cacheFor(filename) {
  if (!READ_ONLY.some(dir => filename.startsWith(dir)) || READ_ONLY_EXCEPT.some(dir => filename.startsWith(dir))) return undefined;
  if (run !== process.env.TMPDIR) {
    run = process.env.TMPDIR;
    sources = new Map();
  }
  return sources;
}

class WorkerCachingRuntime extends Runtime {
  readFile(filename) {
    const cache = cacheFor(filename);
    if (!cache) return super.readFile(filename);
    let source = cache.get(filename);
    if (source === undefined) {
      source = super.readFile(filename);
      cache.set(filename, source);
    }
    return source;
  }
}

module.exports = WorkerCachingRuntime;
