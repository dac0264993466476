/** The parts of an @seald-io/nedb 4.x datastore that change its documents in memory (its internals). */
export interface NedbCacheInternals {
  _insertAsync(...args: unknown[]): Promise<unknown>;
  _updateAsync(...args: unknown[]): Promise<unknown>;
  _removeAsync(...args: unknown[]): Promise<unknown>;
  _addToIndexes(doc: object): void;
  _removeFromIndexes(doc: object): void;
  _updateIndexes(modifications: Array<{ oldDoc: object; newDoc: object }>): void;
}

const OPERATIONS = ['_insertAsync', '_updateAsync', '_removeAsync'] as const;
const CACHE_CHANGES = ['_addToIndexes', '_removeFromIndexes', '_updateIndexes'] as const;

export function hasNedbCacheInternals(datastore: object): datastore is NedbCacheInternals {
  return [...OPERATIONS, ...CACHE_CHANGES].every((name) => typeof (datastore as Record<string, unknown>)[name] === 'function');
}

/**
 * NeDB changes a datastore's documents in memory first and appends the change to its file after.
 * When the append fails (a full disk; see HeldAppender), NeDB leaves the change in memory, where it
 * would be read back, hold its name against a retry, and be written out by the next compaction: a
 * write whose client was told it failed would come back. This records the in-memory changes of the
 * operation under way (NeDB runs one at a time, and our append is synchronous, so nothing else can
 * come between a change and its append) and undoes them when the append is refused.
 */
export class MemoryUndo {
  private changes: Array<() => void> = [];
  private undoing = false;

  constructor(datastore: NedbCacheInternals) {
    for (const name of OPERATIONS) {
      const operation = datastore[name].bind(datastore);
      datastore[name] = (...args: unknown[]) => {
        this.changes = []; // what an operation refused by an index (never appended) left here
        return operation(...args);
      };
    }
    const add = datastore._addToIndexes.bind(datastore);
    const remove = datastore._removeFromIndexes.bind(datastore);
    const update = datastore._updateIndexes.bind(datastore);
    datastore._addToIndexes = (doc) => {
      add(doc);
      this.record(() => remove(doc));
    };
    datastore._removeFromIndexes = (doc) => {
      remove(doc);
      this.record(() => add(doc));
    };
    datastore._updateIndexes = (modifications) => {
      update(modifications);
      this.record(() => update(modifications.map(({ oldDoc, newDoc }) => ({ oldDoc: newDoc, newDoc: oldDoc }))));
    };
  }

  /** The operation's changes reached the file: nothing to undo any more. */
  written(): void {
    this.changes = [];
  }

  /** The operation's append was refused: its changes are taken back, newest first. */
  undo(): void {
    const changes = this.changes.reverse();
    this.changes = [];
    this.undoing = true;
    try {
      for (const change of changes) change();
    } finally {
      this.undoing = false;
    }
  }

  private record(change: () => void): void {
    if (!this.undoing) this.changes.push(change);
  }
}
