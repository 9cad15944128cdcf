#!/usr/bin/env node
'use strict';
// `cdk8s-patterns lint …`: the compiled library (build/, written by `npm run build`, which `npm ci`
// and `npm pack` run through `prepare`). No TypeScript is compiled when it runs.

// `… | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', e => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// The CLI as one file (scripts/bundle-cli.js): a short-lived process starts faster from one module
// than from a hundred. The same code as build/lint/cli.js, which runs if a build has no bundle.
// V8's code cache for it is kept where packages keep caches, node_modules/.cache (bin/code-cache.js),
// made by a `lint` run (a cache made by `--version` would hold little of what a lint compiles).
const path = require('path');
const bundle = path.join(__dirname, '../build/lint/cli.bundle.cjs');
const { run } = require('fs').existsSync(bundle)
  ? require('./code-cache').requireCached(bundle, { cacheFile: codeCacheFile(), writes: process.argv[2] === 'lint' })
  : require('../build/lint/cli.js');
const { version } = require('../package.json');
process.exitCode = run(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readStdin: () => require('fs').readFileSync(0),
  version,
});

/** node_modules/.cache/cdk8s-patterns/ of the project this package is installed in (or of this checkout). */
function codeCacheFile() {
  const pkg = path.join(__dirname, '..');
  const parent = path.dirname(pkg);
  const nodeModules = path.basename(parent) === 'node_modules' ? parent : path.join(pkg, 'node_modules');
  const flavour = require('crypto').createHash('sha1').update(JSON.stringify([process.version, process.arch, process.execArgv])).digest('hex').slice(0, 12);
  return path.join(nodeModules, '.cache', 'cdk8s-patterns', `lint-cli.${flavour}.v8`);
}
