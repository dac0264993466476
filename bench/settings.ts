import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadPhases } from './load';
import { PACKAGE_ROOT } from './servers';

/** Scenario groups `--only` can pick; the ceilings run whenever a load scenario does. */
export const GROUPS = ['get-one', 'list', 'create', 'proxy', 'faults', 'cold-start', 'migrate', 'postgres', 'live'] as const;
export type Group = (typeof GROUPS)[number];

export interface Settings {
  mode: 'full' | 'quick';
  json: boolean;
  groups: ReadonlySet<Group>;
  phases: LoadPhases;
  /** The budgeted rows (get-one, create) again under heavier load: 32 connections, a shorter phase. */
  heavyPhases: LoadPhases;
  coldStartRuns: number;
  listSizes: { small: number; large: number };
  /** Labels the migration scenario moves per run. */
  migrationLabels: number;
  /** Where latest.json goes. */
  resultsDir: string;
  /** Start every measured gateway with --cpu-prof, writing <name>.cpuprofile here. */
  cpuProfDir?: string;
}

export const USAGE = `npm run bench -- [options]

  --quick          short smoke run (0.5 s warm-up + 1 s per phase, 3 cold starts)
  --json           print the report as JSON instead of the table
  --only LIST      comma-separated groups: ${GROUPS.join(', ')} (default: all)
  --cpu-prof       start each measured gateway with node --cpu-prof; profiles go to bench/results/
  -h, --help       this text

The table goes to stdout, progress to stderr, and the report to bench/results/latest.json.`;

export class UsageError extends Error {}

export function parseSettings(argv: string[]): Settings | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      json: { type: 'boolean' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const resultsDir = path.join(PACKAGE_ROOT, 'bench', 'results');
  return {
    mode: quick ? 'quick' : 'full',
    json: values.json ?? false,
    groups: parseGroups(values.only),
    phases: quick ? { warmupSeconds: 0.5, seconds: 1, connections: 10 } : { warmupSeconds: 1, seconds: 5, connections: 10 },
    heavyPhases: quick ? { warmupSeconds: 0.5, seconds: 1, connections: 32 } : { warmupSeconds: 0.5, seconds: 3, connections: 32 },
    coldStartRuns: quick ? 3 : 5,
    listSizes: { small: 1_000, large: 100_000 },
    migrationLabels: quick ? 500 : 2_000,
    resultsDir,
    cpuProfDir: values['cpu-prof'] ? resultsDir : undefined,
  };
}

function parseGroups(only: string | undefined): ReadonlySet<Group> {
  if (only === undefined) return new Set(GROUPS);
  const groups = new Set<Group>();
  for (const word of only.split(',').map((part) => part.trim())) {
    const group = GROUPS.find((candidate) => candidate === word);
    if (!group) throw new UsageError(`--only: unknown group "${word}" (known: ${GROUPS.join(', ')})`);
    groups.add(group);
  }
  return groups;
}
