import fs from 'node:fs';
import path from 'node:path';
import type { DialectId } from '../core/dialects';
import { MigrationInputError } from './errors';

/** Who a migration is between: a state file belongs to exactly one. */
export interface EndIdentity {
  dialect: DialectId;
  upstream: string;
  params: Record<string, string>;
  /** The credential's fingerprint (`fp_…`): another account at the same address is another end. */
  account: string;
}

export interface MigrationIdentity {
  source: EndIdentity;
  target: EndIdentity;
}

/** What became of one source label. Only the first three mean "it is in the target". */
export type LabelRecord =
  | { outcome: 'created' | 'adopted' | 'overwritten'; name: string; targetId: string }
  | { outcome: 'conflict'; name: string; targetId: string; differences: string[] }
  | { outcome: 'refused'; name: string; status?: number; reason: string }
  /** Not written, for now: rate limited past the attempts, or a create whose answer was lost. */
  | { outcome: 'failed'; name: string; reason: string };

export const IN_TARGET: ReadonlySet<LabelRecord['outcome']> = new Set(['created', 'adopted', 'overwritten']);

export interface StateFile extends MigrationIdentity {
  kind: typeof STATE_KIND;
  version: 1;
  startedAt: string;
  updatedAt: string;
  /** Source id → target id, for every label in the target: plain JSON for the user's own database. */
  ids: Record<string, string>;
  labels: Record<string, LabelRecord>;
}

const STATE_KIND = 'label-gateway migration state';

/**
 * The `--state` file, Singer-style: after every label a small bookmark is written atomically (a
 * temporary file renamed over the old one), so a kill at any moment leaves either the
 * previous state or the next, never half of one. Writes that arrive while one is under way are
 * folded into the next write, so a fast run does not queue one file write per label.
 */
export class Checkpoint {
  private writing: Promise<void> | undefined;
  private pending: Promise<void> | undefined;
  /** Source ids recorded by this process (the rest of the file is from earlier runs). */
  private readonly touched = new Set<string>();

  private constructor(
    readonly file: string,
    private readonly state: StateFile,
    readonly resumed: boolean,
  ) {}

  /** Opens `file` for this migration, or starts a new one; another migration's file is refused. */
  static open(file: string, identity: MigrationIdentity, now: string): Checkpoint {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new MigrationInputError(`cannot read the state file ${file}: ${(error as Error).message}`);
      return new Checkpoint(file, { kind: STATE_KIND, version: 1, ...identity, startedAt: now, updatedAt: now, ids: {}, labels: {} }, false);
    }
    const state = parseState(file, text);
    const mismatch = identityMismatch(state, identity);
    if (mismatch) throw new MigrationInputError(`the state file ${file} belongs to another migration (${mismatch}); give this one its own --state FILE`);
    return new Checkpoint(file, state, true);
  }

  /** Source id → target id of every label recorded as in the target. */
  recordedPairs(): Map<string, string> {
    return new Map(Object.entries(this.state.ids));
  }

  recordOf(sourceId: string): LabelRecord | undefined {
    return this.state.labels[sourceId];
  }

  recordedThisRun(sourceId: string): boolean {
    return this.touched.has(sourceId);
  }

  /** Records a label's outcome; resolves once a write that includes it is on disk. */
  record(sourceId: string, record: LabelRecord, now: string): Promise<void> {
    this.state.labels[sourceId] = record;
    this.touched.add(sourceId);
    if (IN_TARGET.has(record.outcome) && 'targetId' in record) this.state.ids[sourceId] = record.targetId;
    else delete this.state.ids[sourceId];
    this.state.updatedAt = now;
    return this.flush();
  }

  /** Writes the state now (or right after the write under way). */
  flush(): Promise<void> {
    if (!this.writing) {
      this.writing = this.write().finally(() => (this.writing = undefined));
      return this.writing;
    }
    // One more write after the current one covers every record made meanwhile.
    this.pending ??= this.writing.then(() => {
      this.pending = undefined;
      return this.flush();
    });
    return this.pending;
  }

  /**
   * Not fsynced: a rename is atomic against a killed process, which is what resuming needs, and
   * after a power cut a rerun loses nothing either, since it adopts by name whatever the file no
   * longer records. Syncing every checkpoint cost more than the label writes themselves.
   */
  private async write(): Promise<void> {
    const temporary = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    await fs.promises.writeFile(temporary, `${JSON.stringify(this.state)}\n`, { mode: 0o600 });
    await fs.promises.rename(temporary, this.file);
  }
}

function parseState(file: string, text: string): StateFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MigrationInputError(`the state file ${file} is not JSON (${(error as Error).message}); move it away to start over`);
  }
  const state = parsed as Partial<StateFile> | null;
  if (!state || state.kind !== STATE_KIND || state.version !== 1 || typeof state.ids !== 'object' || typeof state.labels !== 'object' || !state.source || !state.target) {
    throw new MigrationInputError(`${file} is not a label-gateway migration state file`);
  }
  return state as StateFile;
}

/** What differs between a state file's ends and this run's, in words; undefined when they agree. */
function identityMismatch(state: MigrationIdentity, identity: MigrationIdentity): string | undefined {
  for (const end of ['source', 'target'] as const) {
    const was = state[end];
    const now = identity[end];
    const where = `${was.dialect} at ${was.upstream}`;
    if (was.dialect !== now.dialect || sameUrl(was.upstream) !== sameUrl(now.upstream)) return `its ${end} is ${where}`;
    if (JSON.stringify(sorted(was.params)) !== JSON.stringify(sorted(now.params))) return `its ${end} ${where} had params ${describeParams(was.params)}`;
    if (was.account !== now.account) return `its ${end} ${where} was read with another credential`;
  }
  return undefined;
}

const sameUrl = (url: string): string => url.replace(/\/+$/, '');
const sorted = (params: Record<string, string>): Array<[string, string]> => Object.entries(params).sort(([a], [b]) => a.localeCompare(b));
const describeParams = (params: Record<string, string>): string => (Object.keys(params).length === 0 ? '(none)' : sorted(params).map(([key, value]) => `${key}=${value}`).join(', '));
