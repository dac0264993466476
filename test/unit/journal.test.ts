import { Journal, type RecordedExchange } from '../../src/http/journal';

const exchange = (at: number, dialect: string): RecordedExchange => ({
  at,
  dialect,
  route: 'mock',
  method: 'GET',
  path: `/${at}`,
  status: 200,
  upstreamStatus: null,
  durationMs: 1,
  violations: [],
  lostFields: [],
});

describe('Journal.forget', () => {
  it('drops what it is told to, keeps the rest newest first, and goes on recording in order after a wrap-around', () => {
    const journal = new Journal(4);
    for (let at = 1; at <= 6; at++) journal.add(exchange(at, at % 2 === 0 ? 'kirim' : 'jasni')); // holds 3..6
    journal.forget((entry) => entry.dialect === 'kirim');
    expect(journal.recent(10).map((entry) => entry.path)).toEqual(['/5', '/3']);
    for (let at = 7; at <= 9; at++) journal.add(exchange(at, 'jasni'));
    expect(journal.recent(10).map((entry) => entry.path)).toEqual(['/9', '/8', '/7', '/5']);
  });
});
