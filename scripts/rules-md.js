'use strict';
// `npm run rules:md`: regenerates RULES.md and the README's rules table from the registry.
// test/lint/catalogue.test.ts fails while either is stale.
const path = require('path');
const { loadTs } = require('./load-ts');

const { syncCatalogue } = loadTs(path.join(__dirname, '../lib/lint/catalogue.ts'));
const { RULES } = loadTs(path.join(__dirname, '../lib/rules/index.ts'));

const updated = syncCatalogue(path.resolve(__dirname, '..'), RULES, true);
console.log(updated.length > 0 ? `updated ${updated.join(', ')}` : 'RULES.md and the README rules table are up to date');
