#!/usr/bin/env node
'use strict';
// The installed command; the TypeScript sources are compiled to dist/ by `npm run build` (run by npm ci).
require('../dist/src/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
