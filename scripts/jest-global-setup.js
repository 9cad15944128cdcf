// Jest globalSetup (jest.config.js): the run's own temporary directory (scripts/jest-tmpdir.js), and
// whether the tests may validate with the build's precompiled schema validators (test/setup.ts):
// only when build/ was built from lib/ as it is now (scripts/build.js's stamp), else ajv compiles
// them from lib/schema, as it always may. Workers start after this, with its environment.
'use strict';
const path = require('path');
const tmpdir = require('./jest-tmpdir');

const ROOT = path.resolve(__dirname, '..');

module.exports = async function setup() {
  await tmpdir.setup();
  // The build's own check (its outputs include build/schema's validators).
  if (require('./build').isCurrent()) process.env.CDK8S_PATTERNS_JEST_SCHEMA_DIR = path.join(ROOT, 'build', 'schema');
  else delete process.env.CDK8S_PATTERNS_JEST_SCHEMA_DIR;
};
