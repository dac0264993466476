/** What NeDB's loader makes of a datafile: the live documents and the indexes the file declares. */
export interface DatafileContents {
  data: object[];
  indexes: Record<string, object>;
  /** A last line cut short (no "\n" after it, not a document) that was left out; see readDatafile. */
  tornTail?: TornTail;
}

export interface TornTail {
  /** Its line number (1-based, as an editor counts). */
  line: number;
  /** Its text as read (an incomplete UTF-8 sequence at its end reads as U+FFFD). */
  text: string;
}

export interface ReadOptions {
  /** Fields whose values repeat across documents (an organisation id, a vendor): kept once, shared. */
  sharedFields: ReadonlySet<string>;
}

/** A line other than a torn last one is not a document: the file cannot be loaded as it is. */
export class DatafileCorruptionError extends Error {
  override name = 'DatafileCorruptionError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line} is not a readable document (${reason})`);
  }
}

/**
 * Reads a NeDB datafile with NeDB's semantics (a document line replaces the previous one with its
 * `_id`, `$$deleted` removes it, `$$indexCreated` / `$$indexRemoved` declare indexes, `$$date`
 * objects become Dates) but with less memory than NeDB's own loader:
 *
 * - each line is parsed as soon as it is read, so the file's text never piles up (NeDB queues a
 *   promise per line, holding lines and chunks until the queue drains);
 * - JSON.parse gives every document its own copy of each string, so 100,000 labels of one team
 *   held 100,000 equal copies of the organisation, team and user ids; values of `sharedFields` are
 *   replaced by one shared instance per distinct value (the same string either way), and `id`
 *   shares `_id`'s string when they are equal. The duplicates die young, never reaching the old
 *   generation. With 100,000 labels this keeps about 30 MB less.
 *
 * Unreadable lines are not NeDB's business as usual here. NeDB skips up to 10 % of them silently
 * and then refuses the whole file, so a crash in the middle of an append (which leaves the last
 * line cut short) made a small file unloadable, while a damaged line in a large one vanished for
 * good at the rewrite that follows every load. Instead:
 *
 * - a last line with no "\n" after it that is not a document is what an interrupted append leaves
 *   (NeDB writes each document and its "\n" in one append, answered only once it has returned): it
 *   was never acknowledged, so it is left out and reported as `tornTail`;
 * - any other unreadable line throws a DatafileCorruptionError naming it: it may hold a label.
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
  const tornTail = reader.addLast(partial);
  return { data: [...reader.documents.values()], indexes: reader.indexes, ...(tornTail && { tornTail }) };
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
  /** Lines seen so far, blank ones included, so the numbers are the ones an editor shows. */
  private lineNumber = 0;
  private readonly pool = new Map<string, string>();
  private readonly revive = (key: string, value: unknown): unknown => this.reviveValue(key, value);

  constructor(private readonly sharedFields: ReadonlySet<string>) {}

  /** A line that had its "\n": it must be a document (or blank, which NeDB ignores too). */
  add(line: string): void {
    this.lineNumber++;
    const failure = this.tryAdd(line);
    if (failure !== undefined) throw new DatafileCorruptionError(this.lineNumber, failure);
  }

  /** What followed the last "\n" (usually nothing): a document, or a torn append to leave out. */
  addLast(line: string): TornTail | undefined {
    if (line === '') return undefined;
    this.lineNumber++;
    return this.tryAdd(line) === undefined ? undefined : { line: this.lineNumber, text: line };
  }

  /** Applies one line; says why it could not, if it could not. */
  private tryAdd(line: string): string | undefined {
    if (line === '') return undefined;
    try {
      const parsed: unknown = JSON.parse(line, this.revive);
      // NeDB writes objects only; a null would throw in apply anyway, a bare value be ignored.
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not a JSON object';
      this.apply(parsed as DatafileLine);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** One parsed line, applied as NeDB applies it. */
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
