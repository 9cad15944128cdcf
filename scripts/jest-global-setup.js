// Jest globalSetup (jest.config.js): the run's own temporary directory (scripts/jest-tmpdir.js), and
// whether the tests may validate with the build's precompiled schema validators (test/setup.ts):
// only when build/ was built from lib/ as it is now (scripts/build.js's stamp), else ajv compiles
// them from lib/schema, as it always may. Workers start after this, with its environment.
'use strict';
const fs = require('fs');
const path = require('path');
const tmpdir = require('./jest-tmpdir');

const ROOT = path.resolve(__dirname, '..');

module.exports = async function setup() {
  await tmpdir.setup();
  const { inputsHash } = require('./build');
  const stamp = path.join(ROOT, 'build', '.inputs');
  const schema = path.join(ROOT, 'build', 'schema');
  const current = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === inputsHash() && fs.existsSync(path.join(schema, 'k8s-v1.27-validators.js'));
  if (current) process.env.CDK8S_PATTERNS_JEST_SCHEMA_DIR = schema;
  else delete process.env.CDK8S_PATTERNS_JEST_SCHEMA_DIR;
};
