import { formatAccessLine, type AccessEntry } from '../../src/http/logger';

const entry = (overrides: Partial<AccessEntry>): AccessEntry => ({
  at: Date.parse('2026-12-03T10:00:00.000Z'),
  dialect: 'kirim',
  route: 'mock',
  method: 'POST',
  path: '/kirim/v1/labels',
  status: 201,
  upstreamStatus: null,
  durationMs: 3.25,
  networkFault: null,
  ...overrides,
});

describe('the human access line', () => {
  it('shows the status of an answer', () => {
    expect(formatAccessLine(entry({}))).toBe('2026-12-03T10:00:00.000Z kirim POST /kirim/v1/labels 201 3.3ms');
  });

  it('shows how a network fault broke the connection, with the status line a malformed answer sent', () => {
    expect(formatAccessLine(entry({ status: null, networkFault: 'reset' }))).toContain(' /kirim/v1/labels reset 3.3ms');
    expect(formatAccessLine(entry({ status: null, networkFault: 'empty' }))).toContain(' /kirim/v1/labels empty 3.3ms');
    expect(formatAccessLine(entry({ status: 201, networkFault: 'malformed' }))).toContain(' /kirim/v1/labels malformed(201) 3.3ms');
  });

  it('shows a dash when the client left before its answer', () => {
    expect(formatAccessLine(entry({ status: null }))).toContain(' /kirim/v1/labels - 3.3ms');
  });
});
