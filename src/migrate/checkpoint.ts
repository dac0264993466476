import fs from 'node:fs';
import path from 'node:path';
import type { DialectId } from '../core/dialects';
import { MigrationInputError } from './errors';
import { EncodedMembers, writeAll } from './state-file-encoding';

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

/** How long a write may wait for labels still under way, as a multiple of the last write's time (group commit)… */
const GROUP_WAIT_PER_WRITE = 3;
/** …and at most. */
const MAX_GROUP_WAIT_MS = 50;

export interface RecordOptions {
  /**
   * Other labels are under way and will be recorded soon: the write may wait a little for them
   * (at most three times as long as the last write took, and 50 ms), so that one write covers
   * several labels. Without it, the write happens at the end of this turn of the event loop.
   */
  moreComing?: boolean;
}

/**
 * The `--state` file, Singer-style: after every label a small bookmark is written atomically (a
 * temporary file renamed over the old one), so a kill at any moment leaves either the previous
 * state or the next, never half of one. A label's `record` resolves only once a write that
 * includes it is done; records made before a write starts are folded into it (group commit).
 *
 * A checkpoint's cost grows with the file, since the file is rewritten whole, so:
 * - it is never serialized whole: each entry of `ids` and `labels` is encoded once, when it is
 *   recorded, into blocks whose bytes are kept (EncodedMembers); a write copies bytes. Running
 *   JSON.stringify over every label so far, per label, was the run's largest cost (about 2 ms of
 *   the ~5.8 ms each label took at --concurrency 1, 2,000 labels).
 * - writes are grouped when several labels are under way: on ext4 (auto_da_alloc) renaming over
 *   the old file makes the kernel write the new one out, about 1.3 ms for the 400 KB of 2,000
 *   labels, so one write per label is what bounds a concurrent run.
 * - it is written synchronously: a few system calls, cheaper at once than as four round trips
 *   through libuv's thread pool (open, write, close, rename), and two writes never overlap.
 */
export class Checkpoint {
  /** The next write, and the records waiting for it. */
  private next: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastWriteMs = 0;
  /** Source ids recorded by this process (the rest of the file is from earlier runs). */
  private readonly touched = new Set<string>();
  private readonly ids = new EncodedMembers();
  private readonly labels = new EncodedMembers();

  private constructor(
    readonly file: string,
    private readonly state: StateFile,
    readonly resumed: boolean,
  ) {
    for (const [sourceId, targetId] of Object.entries(state.ids)) this.ids.set(sourceId, targetId);
    for (const [sourceId, record] of Object.entries(state.labels)) this.labels.set(sourceId, record);
  }

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
  record(sourceId: string, record: LabelRecord, now: string, options: RecordOptions = {}): Promise<void> {
    this.state.labels[sourceId] = record;
    this.labels.set(sourceId, record);
    this.touched.add(sourceId);
    if (IN_TARGET.has(record.outcome) && 'targetId' in record) {
      this.state.ids[sourceId] = record.targetId;
      this.ids.set(sourceId, record.targetId);
    } else {
      delete this.state.ids[sourceId];
      this.ids.delete(sourceId);
    }
    this.state.updatedAt = now;
    return options.moreComing ? this.writeWithin(Math.min(MAX_GROUP_WAIT_MS, GROUP_WAIT_PER_WRITE * this.lastWriteMs)) : this.flush();
  }

  /** Writes the state at the end of this turn of the event loop, with every record made until then. */
  flush(): Promise<void> {
    return this.writeWithin(0);
  }

  /** The next write, no later than `waitMs` from now (at the end of this turn for 0). */
  private writeWithin(waitMs: number): Promise<void> {
    if (!this.next) {
      let settle!: { resolve(): void; reject(error: unknown): void };
      const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      this.next = { promise, ...settle };
    }
    if (this.immediate) return this.next.promise;
    if (waitMs < 1) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.immediate = setImmediate(() => this.writeNext());
    } else {
      // The first record waiting sets the time; later ones never put the write off.
      this.timer ??= setTimeout(() => this.writeNext(), waitMs);
    }
    return this.next.promise;
  }

  private writeNext(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    const next = this.next;
    this.next = undefined;
    const startedAt = performance.now();
    try {
      this.write();
      next?.resolve();
    } catch (error) {
      next?.reject(error);
    }
    this.lastWriteMs = performance.now() - startedAt;
  }

  /**
   * Not fsynced: a rename is atomic against a killed process, which is what resuming needs, and
   * after a power cut a rerun loses nothing either, since it adopts by name whatever the file no
   * longer records. Syncing every checkpoint cost more than the label writes themselves.
   */
  private write(): void {
    const temporary = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    const fd = fs.openSync(temporary, 'w', 0o600);
    try {
      writeAll(fd, this.encode());
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, this.file);
  }

  /** The state's bytes, as `JSON.stringify(state)` and a newline would give them (members of ids and labels in their order of first record). */
  private encode(): Buffer[] {
    const { ids, labels, ...rest } = this.state;
    const head = JSON.stringify(rest);
    const chunks = [Buffer.from(`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"ids":{`)];
    this.ids.appendTo(chunks);
    chunks.push(BETWEEN_IDS_AND_LABELS);
    this.labels.appendTo(chunks);
    chunks.push(END_OF_STATE);
    return chunks;
  }
}

const BETWEEN_IDS_AND_LABELS = Buffer.from('},"labels":{');
const END_OF_STATE = Buffer.from('}}\n');

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
