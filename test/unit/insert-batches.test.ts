import { DEFAULT_LIMITS, InsertBatches, MOST_PER_STATEMENT, type Insert, type InsertOutcome, type InsertStatements } from '../../src/store/postgres/insert-batches';

/**
 * How inserts are gathered into statements, over statements that answer when the test says: which
 * went together, which alone, and what each caller was told.
 */
class HeldStatements implements InsertStatements<string> {
  readonly sent: string[][] = [];
  private readonly answers: Array<{ resolve: (outcomes: Array<InsertOutcome<string>>) => void; reject: (error: unknown) => void; ids: string[] }> = [];
  /** Ids whose insert alone is refused, as the database would refuse them. */
  readonly conflicting = new Set<string>();

  together(batch: readonly Insert[]): Promise<Array<InsertOutcome<string>>> {
    const ids = batch.map((insert) => insert.document._id);
    this.sent.push(ids);
    return new Promise((resolve, reject) => this.answers.push({ resolve, reject, ids }));
  }

  alone({ document }: Insert): Promise<InsertOutcome<string>> {
    this.sent.push([document._id]);
    return new Promise((resolve, reject) =>
      this.answers.push({ resolve: (outcomes) => resolve(outcomes[0]), reject, ids: [document._id] }),
    );
  }

  mayPartlySucceed = (error: unknown) => (error as { code?: string }).code === '23505';

  /** Answers the oldest statement still waiting: every insert written (as `row <id>`), or the error. */
  answerNext(error?: unknown): void {
    const answer = this.answers.shift()!;
    if (error) return answer.reject(error);
    answer.resolve(answer.ids.map((id) => (this.conflicting.has(id) ? 'conflict' : { row: `row ${id}` })));
  }

  get waiting(): number {
    return this.answers.length;
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const insertOf = (batches: InsertBatches<string>, id: string) => batches.insert('labels', { _id: id });

describe('insert batches (PostgreSQL writes)', () => {
  it('sends a lone insert at once, alone', async () => {
    const statements = new HeldStatements();
    const outcome = insertOf(new InsertBatches(statements), 'a');
    expect(statements.sent).toEqual([['a']]);
    statements.answerNext();
    await expect(outcome).resolves.toEqual({ row: 'row a' });
  });

  it('gathers the inserts that arrive while statements are under way into the next one, in arrival order', async () => {
    const statements = new HeldStatements();
    const batches = new InsertBatches(statements, { ...DEFAULT_LIMITS, concurrent: 2 });
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map((id) => insertOf(batches, id));
    expect(statements.sent).toEqual([['a'], ['b']]);
    statements.answerNext();
    await turn();
    expect(statements.sent).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    statements.answerNext();
    statements.answerNext();
    await expect(Promise.all(outcomes)).resolves.toEqual(['a', 'b', 'c', 'd', 'e'].map((id) => ({ row: `row ${id}` })));
  });

  it('sends the inserts waiting behind a held-up statement without it, up to the most on their way', async () => {
    const statements = new HeldStatements();
    const batches = new InsertBatches(statements, { concurrent: 1, heldUpMs: 30, mostUnderWay: 2 });
    const held = insertOf(batches, 'held');
    const behind = ['a', 'b'].map((id) => insertOf(batches, id));
    expect(statements.sent).toEqual([['held']]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(statements.sent).toEqual([['held'], ['a', 'b']]);
    // Two on their way, one of them held up: the most there may be; the next waits.
    const third = insertOf(batches, 'c');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(statements.sent).toHaveLength(2);
    statements.answerNext();
    await held;
    await turn();
    expect(statements.sent).toEqual([['held'], ['a', 'b'], ['c']]);
    statements.answerNext();
    statements.answerNext();
    await expect(Promise.all([...behind, third])).resolves.toEqual([{ row: 'row a' }, { row: 'row b' }, { row: 'row c' }]);
  });

  it(`sends at most ${MOST_PER_STATEMENT} inserts in one statement`, async () => {
    const statements = new HeldStatements();
    const batches = new InsertBatches(statements, { ...DEFAULT_LIMITS, concurrent: 1 });
    const outcomes = Array.from({ length: MOST_PER_STATEMENT + 6 }, (_, n) => insertOf(batches, `id${n}`));
    statements.answerNext();
    await turn();
    expect(statements.sent.map((ids) => ids.length)).toEqual([1, MOST_PER_STATEMENT]);
    statements.answerNext();
    await turn();
    expect(statements.sent.map((ids) => ids.length)).toEqual([1, MOST_PER_STATEMENT, 5]);
    statements.answerNext();
    await expect(Promise.all(outcomes)).resolves.toHaveLength(MOST_PER_STATEMENT + 6);
  });

  it("tells each insert of a batch its own outcome: an id that is taken is refused, the others' rows come back", async () => {
    const statements = new HeldStatements();
    const batches = new InsertBatches(statements, { ...DEFAULT_LIMITS, concurrent: 1 });
    const first = insertOf(batches, 'first');
    const outcomes = ['a', 'taken', 'b'].map((id) => insertOf(batches, id));
    statements.conflicting.add('taken');
    statements.answerNext();
    await first;
    await turn();
    statements.answerNext();
    await expect(Promise.all(outcomes)).resolves.toEqual([{ row: 'row a' }, 'conflict', { row: 'row b' }]);
  });

  it('runs each insert of a batch again alone when one broke a rule that fails the whole statement', async () => {
    const statements = new HeldStatements();
    const batches = new InsertBatches(statements, { ...DEFAULT_LIMITS, concurrent: 1 });
    const first = insertOf(batches, 'first');
    const outcomes = ['a', 'same name', 'b'].map((id) => Promise.allSettled([insertOf(batches, id)]).then(([settled]) => settled));
    statements.answerNext();
    await first;
    await turn();
    statements.answerNext(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    await turn();
    expect(statements.sent.slice(2)).toEqual([['a'], ['same name'], ['b']]);
    statements.answerNext();
    statements.answerNext(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    statements.answerNext();
    const [a, sameName, b] = await Promise.all(outcomes);
    expect(a).toEqual({ status: 'fulfilled', value: { row: 'row a' } });
    expect(sameName).toMatchObject({ status: 'rejected', reason: { code: '23505' } });
    expect(b).toEqual({ status: 'fulfilled', value: { row: 'row b' } });
    expect(statements.waiting).toBe(0);
  });

  it('fails every insert of a batch with an error no insert alone would escape (the database is away)', async () => {
    const statements = new HeldStatements();
    const batches = new InsertBatches(statements, { ...DEFAULT_LIMITS, concurrent: 1 });
    const first = insertOf(batches, 'first');
    const outcomes = ['a', 'b'].map((id) => insertOf(batches, id));
    statements.answerNext();
    await first;
    await turn();
    const away = new Error('Service Unavailable');
    statements.answerNext(away);
    for (const outcome of outcomes) await expect(outcome).rejects.toBe(away);
    expect(statements.sent).toHaveLength(2);
  });
});
