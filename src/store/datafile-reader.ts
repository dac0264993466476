/** What NeDB's loader makes of a datafile: the live documents and the indexes the file declares. */
export interface DatafileContents {
  data: object[];
  indexes: Record<string, object>;
}

export interface ReadOptions {
  /** Above this share of unreadable lines the load fails (NeDB's `corruptAlertThreshold`). */
  corruptAlertThreshold: number;
  /** Fields whose values repeat across documents (an organisation id, a vendor): kept once, shared. */
  sharedFields: ReadonlySet<string>;
}

/**
 * Reads a NeDB datafile with NeDB's semantics (a document line replaces the previous one with its
 * `_id`, `$$deleted` removes it, `$$indexCreated` / `$$indexRemoved` declare indexes, `$$date`
 * objects become Dates; unreadable lines are skipped unless there are too many) but with less
 * memory than NeDB's own loader:
 *
 * - each line is parsed as soon as it is read, so the file's text never piles up (NeDB queues a
 *   promise per line, holding lines and chunks until the queue drains);
 * - JSON.parse gives every document its own copy of each string, so 100,000 labels of one team
 *   held 100,000 equal copies of the organisation, team and user ids; values of `sharedFields` are
 *   replaced by one shared instance per distinct value (the same string either way), and `id`
 *   shares `_id`'s string when they are equal. The duplicates die young, never reaching the old
 *   generation. With 100,000 labels this keeps about 30 MB less.
 *
 * Lines are split on "\n" only: NeDB writes nothing else between documents, and JSON.stringify
 * leaves U+2028, U+2029 and U+0085 unescaped inside strings, where NeDB's own splitter cut the
 * document in two (a label named with one of them made the file unreadable after a restart).
 */
export async function readDatafile(chunks: AsyncIterable<string>, options: ReadOptions): Promise<DatafileContents> {
  const reader = new DatafileReader(options.sharedFields);
  let partial = '';
  for await (const chunk of chunks) {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) reader.add(line);
  }
  reader.add(partial);
  reader.checkCorruption(options.corruptAlertThreshold);
  return { data: [...reader.documents.values()], indexes: reader.indexes };
}

/** The shapes a datafile line can have: a document (maybe a deletion), or an index declaration. */
interface DatafileLine {
  _id?: unknown;
  $$deleted?: unknown;
  $$indexCreated?: { fieldName?: unknown };
  $$indexRemoved?: unknown;
}

class DatafileReader {
  /** By `_id` (as a string key, like the object NeDB collects them in), in first-seen order. */
  readonly documents = new Map<string, object>();
  readonly indexes: Record<string, object> = {};
  private lines = 0;
  private corrupt = 0;
  private readonly pool = new Map<string, string>();
  private readonly revive = (key: string, value: unknown): unknown => this.reviveValue(key, value);

  constructor(private readonly sharedFields: ReadonlySet<string>) {}

  add(line: string): void {
    if (line === '') return; // NeDB does not count blank lines either
    this.lines++;
    try {
      this.apply(JSON.parse(line, this.revive) as DatafileLine);
    } catch {
      this.corrupt++;
    }
  }

  /** NeDB's rule, and its error, so a damaged file is refused exactly as before. */
  checkCorruption(threshold: number): void {
    if (this.lines === 0) return;
    const rate = this.corrupt / this.lines;
    if (rate <= threshold) return;
    const error = new Error(
      `${Math.floor(100 * rate)}% of the data file is corrupt, more than given corruptAlertThreshold ` +
        `(${Math.floor(100 * threshold)}%). Cautiously refusing to start NeDB to prevent dataloss.`,
    );
    throw Object.assign(error, { corruptionRate: rate, corruptItems: this.corrupt, dataLength: this.lines });
  }

  /** One parsed line, applied as NeDB applies it. A `null` line throws here: corrupt, as in NeDB. */
  private apply(line: DatafileLine): void {
    if (line._id) {
      const id = String(line._id);
      if (line.$$deleted === true) this.documents.delete(id);
      else this.documents.set(id, line);
    } else if (line.$$indexCreated && line.$$indexCreated.fieldName != null) {
      this.indexes[String(line.$$indexCreated.fieldName)] = line.$$indexCreated;
    } else if (typeof line.$$indexRemoved === 'string') {
      delete this.indexes[line.$$indexRemoved];
    }
  }

  /** NeDB's reviver ($$date objects become Dates) plus the sharing of repeated strings. */
  private reviveValue(key: string, value: unknown): unknown {
    if (key === '$$date') return new Date(value as number);
    if (typeof value === 'string') return this.sharedFields.has(key) ? this.shared(value) : value;
    if (value === null || typeof value !== 'object') return value;
    const object = value as { $$date?: unknown; _id?: unknown; id?: unknown };
    if (object.$$date) return object.$$date;
    if (typeof object.id === 'string' && object.id === object._id) object.id = object._id;
    return value;
  }

  private shared(value: string): string {
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    this.pool.set(value, value);
    return value;
  }
}
