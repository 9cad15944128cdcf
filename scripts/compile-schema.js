// node scripts/compile-schema.js <dir>: precompiles the vendored Kubernetes schema into ajv
// standalone validators in <dir> and copies the schema and its license there. The build runs it
// on its lib/schema output (lib/schema/SOURCE.md: how the schema ships).
'use strict';
const path = require('path');
const { loadTs } = require('./load-ts');

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node scripts/compile-schema.js <output directory, e.g. build/lib/schema>\n');
  process.exit(2);
}
const { writeStandalone } = loadTs(path.join(__dirname, '../lib/schema/compile.ts'));
for (const file of writeStandalone(out)) process.stdout.write(`${file}\n`);
