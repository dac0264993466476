#!/usr/bin/env node
'use strict';
// The gateway keeps its whole store in memory and makes short-lived garbage per request. By default
// V8 lets the old generation grow to up to four times what is live before a full collection, so a
// gateway holding 100,000 labels (~100 MB live) peaked near 500 MB under sustained list traffic, too
// close to the 512 MB a CI container often gets. Collecting once the heap has doubled keeps it near
// its data (~300 MB there), for a few more collections: `npm run bench` measured list throughput
// unchanged and create ~7 % slower (collecting at 1.5x cost create ~12 %; 2x is the balance chosen).
// A heap-growth flag given to node itself wins (`node --heap-growing-percent=0 …` restores V8's own).
const GROWTH_FLAG = '--heap-growing-percent';
const userChoseGrowth = process.execArgv.some((flag) => flag.startsWith(GROWTH_FLAG));
if (!userChoseGrowth) require('node:v8').setFlagsFromString(`${GROWTH_FLAG}=100`);

// http-proxy (under http-proxy-middleware 3, pinned because 4 is ESM-only) calls util._extend, which
// Node 22 and later flag once per process (DEP0060) on stderr at the first pass-through request: a
// line the gateway's users can do nothing about, and not JSON under --log-format json. Only that
// deprecation is dropped; every other warning is printed as usual.
const emitWarning = process.emitWarning;
process.emitWarning = function emitWarningExceptHttpProxys(warning, ...rest) {
  const code = rest[0] !== null && typeof rest[0] === 'object' ? rest[0].code : rest[1];
  if (code === 'DEP0060') return;
  return emitWarning.call(process, warning, ...rest);
};

// The installed command; the TypeScript sources are compiled to dist/ by `npm run build` (run by npm ci).
require('../dist/src/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
