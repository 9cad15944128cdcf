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
const bundle = require('path').join(__dirname, '../build/lint/cli.bundle.cjs');
const { run } = require(require('fs').existsSync(bundle) ? bundle : '../build/lint/cli.js');
const { version } = require('../package.json');
process.exitCode = run(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readStdin: () => require('fs').readFileSync(0),
  version,
});
