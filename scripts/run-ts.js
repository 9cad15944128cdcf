// Runs a TypeScript entry point (`node scripts/run-ts.js apps/main.ts`) as the main module: see
// load-ts.js (one esbuild bundle of the entry and our sources, cached by content).
'use strict';
require('./load-ts').loadTs(process.argv[2], { main: true });
