'use strict';
// `npm run rules:md`: regenerates RULES.md and the README's rules table from the registry.
// test/lint/catalogue.test.ts fails while either is stale.
require('../bin/ts-hook');
const path = require('path');
const { syncCatalogue } = require('../lib/lint/catalogue');
const { RULES } = require('../lib/rules/index');

const updated = syncCatalogue(path.resolve(__dirname, '..'), RULES, true);
console.log(updated.length > 0 ? `updated ${updated.join(', ')}` : 'RULES.md and the README rules table are up to date');
