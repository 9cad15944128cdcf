// Jest globalSetup and globalTeardown (jest.config.js): the run's own temporary directory.
// cdk8s' Testing.app() (so Testing.chart() too) makes a directory `cdk8s.outdir.*` under os.tmpdir()
// for each app and never removes it; the suite makes thousands, and a day of test and fuzz runs left
// ~935,000 in /tmp, where every directory scan (esbuild resolving a file there: 2.2 s for one line)
// became slow. TMPDIR points the workers (started after globalSetup, with its environment) at a
// directory of their own, removed when the run ends.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const KEY = 'CDK8S_PATTERNS_JEST_TMPDIR';

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-jest-'));
  process.env[KEY] = dir;
  process.env.TMPDIR = dir;
}

async function teardown() {
  const dir = process.env[KEY];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { setup, teardown };
