import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from './servers';

/**
 * The gateway as it was before the test controls (faults, rate limits, the journal's bodies and
 * fingerprints, coverage) came: the last commit of 2026-11-30, whose code the README's performance
 * table measured. "An unarmed gateway must not get slower" is checked against this build, run in the
 * same sitting as the current one and measured in alternation with it, because a figure from another
 * day on a shared 2-core machine moves by more than the 3 % the line allows.
 */
export const REFERENCE_COMMIT = '465f2318549de702a5cfc59fd226ca07a7fa35b8';
export const REFERENCE_DATE = '2026-11-30';

export type ReferenceGateway = { status: 'ready'; bin: string; commit: string } | { status: 'unavailable'; reason: string };

/**
 * The reference commit's `bin/label-gateway.js`, built once into the system's temporary folder from
 * this clone's git history (`git archive`) with this checkout's node_modules (its dependencies are a
 * subset of today's, at the same versions) and reused by later runs. Unavailable, with the reason,
 * where there is no git history (an installed package) or the build fails.
 */
export function referenceGateway(commit = REFERENCE_COMMIT): ReferenceGateway {
  const dir = path.join(os.tmpdir(), `label-gateway-bench-reference-${commit.slice(0, 12)}`);
  const bin = path.join(dir, 'bin', 'label-gateway.js');
  if (fs.existsSync(path.join(dir, 'dist', 'src', 'cli.js'))) return { status: 'ready', bin, commit };

  const known = spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: PACKAGE_ROOT });
  if (known.error || known.status !== 0) return { status: 'unavailable', reason: `commit ${commit.slice(0, 7)} is not in this checkout's git history` };

  // Built beside its final place and renamed into it, so an interrupted build is never reused.
  const building = fs.mkdtempSync(`${dir}-building-`);
  try {
    const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: PACKAGE_ROOT, maxBuffer: 256 * 1024 * 1024 });
    if (archive.status !== 0) throw new Error(`git archive: ${archive.stderr.toString().trim()}`);
    const untar = spawnSync('tar', ['-x', '-C', building], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`tar: ${untar.stderr.toString().trim()}`);
    fs.symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(building, 'node_modules'), 'dir');
    const tsc = path.join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: building, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`tsc: ${(build.stdout + build.stderr).trim().split('\n').slice(0, 5).join(' | ')}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(building, dir);
    return { status: 'ready', bin, commit };
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    return { status: 'unavailable', reason: `building ${commit.slice(0, 7)} failed: ${(error as Error).message}` };
  }
}
