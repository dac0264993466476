#!/usr/bin/env node
'use strict';
// The gateway keeps its whole store in memory and makes short-lived garbage per request. By default
// V8 lets the old generation grow to up to four times what is live before a full collection, so a
// gateway holding 100,000 labels (~100 MB live) peaked near 500 MB under sustained list traffic.
// Growing by at most half before collecting keeps the process near its data (~260 MB there); the
// collections are incremental and concurrent, and the bench shows no change in throughput.
// A user's own flag wins: this only applies when none was given on the command line.
const GROWTH_FLAG = '--heap-growing-percent';
const userChoseGrowth = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flags) => flags.includes(GROWTH_FLAG));
if (!userChoseGrowth) require('node:v8').setFlagsFromString(`${GROWTH_FLAG}=50`);

// The installed command; the TypeScript sources are compiled to dist/ by `npm run build` (run by npm ci).
require('../dist/src/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
