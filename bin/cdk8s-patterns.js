#!/usr/bin/env node
'use strict';
// `cdk8s-patterns lint …`: runs from a fresh `npm ci`, no build step (see scripts/load-ts.js).
const path = require('path');
const { loadTs } = require('../scripts/load-ts');

// `… | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', e => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const { run } = loadTs(path.join(__dirname, '../lib/lint/cli.ts'));
const { version } = require('../package.json');
process.exitCode = run(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readStdin: () => require('fs').readFileSync(0),
  version,
});
