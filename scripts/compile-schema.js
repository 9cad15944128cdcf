// node scripts/compile-schema.js <dir>: precompiles the vendored Kubernetes schema into ajv
// standalone validators in <dir> and copies the schema and its license there. `npm run build` runs
// it on build/schema after tsc, from the compiled build (no TypeScript here), and skips it when the
// validators there were made from the same schema, enums and ajv version (lib/schema/SOURCE.md).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node scripts/compile-schema.js <output directory, e.g. build/schema>\n');
  process.exit(2);
}
const build = path.join(__dirname, '../build/schema');
const { SCHEMA_FILE, VALIDATORS_FILE } = require(path.join(build, 'strict-schema.js'));
const source = path.join(__dirname, '../lib/schema');
const key = crypto.createHash('sha1')
  .update(fs.readFileSync(path.join(source, SCHEMA_FILE)))
  .update(fs.readFileSync(path.join(build, 'enums.js')))
  .update(require('ajv/package.json').version)
  .digest('hex');
const stamp = `// inputs: ${key}\n`;
const target = path.join(out, VALIDATORS_FILE);
const current = fs.existsSync(target) && fs.readFileSync(target, 'utf8').includes(stamp);
if (!current) {
  const { writeStandalone } = require(path.join(build, 'compile.js'));
  writeStandalone(out, source);
  fs.appendFileSync(target, stamp);
}
