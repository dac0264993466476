#!/usr/bin/env node
'use strict';
// Compiles the TypeScript sources to dist/ and stamps the build. With --if-stale (npm start's
// prestart) it compiles only when a source is newer than the last stamped build, so a start with a
// current dist/ costs a directory walk (a few ms) instead of a compiler run (~2-3 s).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const STAMP = path.join(root, 'dist', '.build-stamp');
/** Everything tsconfig.build.json compiles, and the configs themselves. */
const SOURCES = ['src', 'adapters', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest mtime of a config file, or of the TypeScript files under a folder (bench results do not count). */
function newestMtimeMs(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0; // a folder the build does not need (bench/ may be absent)
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const dirent of fs.readdirSync(entry, { withFileTypes: true })) {
    const child = path.join(entry, dirent.name);
    if (dirent.isDirectory()) newest = Math.max(newest, newestMtimeMs(child));
    else if (dirent.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(child).mtimeMs);
  }
  return newest;
}

function isStale() {
  let stampedAt;
  try {
    stampedAt = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestMtimeMs(path.join(root, source)) > stampedAt);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

// The stamp's time is taken before compiling: a source saved during the build makes the next start build again.
const startedAt = new Date();
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
fs.utimesSync(STAMP, startedAt, startedAt);
