import { readPreference } from '../../src/faults/prefer-header';
import { parseRateLimitFlag } from '../../src/faults/rate-limits';
import { injectedError } from '../../src/faults/injected-error';

describe('Prefer header (Prism convention)', () => {
  it('reads code and delay, in one header or several, and ignores preferences it does not know', () => {
    expect(readPreference('code=429')).toEqual({ status: 429 });
    expect(readPreference('return=minimal, delay=300')).toEqual({ delayMs: 300 });
    expect(readPreference(['code="503"', 'delay=10;x=y'])).toEqual({ status: 503, delayMs: 10 });
    expect(readPreference('respond-async')).toEqual({});
  });

  it('refuses a code it cannot answer with, naming the header', () => {
    expect(() => readPreference('code=200')).toThrow(expect.objectContaining({ kind: 'validation', field: 'Prefer' }));
    expect(() => readPreference('delay=soon')).toThrow(/Prefer: delay must be whole milliseconds/);
  });
});

describe('--rate-limit', () => {
  it('reads DIALECT=LIMIT/WINDOW with s, m or h', () => {
    expect(parseRateLimitFlag('kirim=10/1s')).toEqual(['kirim', { limit: 10, windowSeconds: 1 }]);
    expect(parseRateLimitFlag('jasni=100/2m')).toEqual(['jasni', { limit: 100, windowSeconds: 120 }]);
    expect(parseRateLimitFlag('supersend-v2=5/30')).toEqual(['supersend-v2', { limit: 5, windowSeconds: 30 }]);
  });

  it('names what is wrong', () => {
    expect(() => parseRateLimitFlag('kirim=10')).toThrow(/expected DIALECT=LIMIT\/WINDOW/);
    expect(() => parseRateLimitFlag('stripe=10/1s')).toThrow(/"stripe" is not a dialect/);
    expect(() => parseRateLimitFlag('kirim=0/1s')).toThrow(/limit must be from 1/);
  });
});

describe('injected answers', () => {
  it("use Kirim's documented wording and carry Retry-After on 429 and 503", () => {
    expect(injectedError({ status: 429 })).toMatchObject({ status: 429, kind: 'rate_limited', message: 'Rate limit exceeded', headers: { 'Retry-After': '1' } });
    expect(injectedError({ status: 500 })).toMatchObject({ status: 500, kind: 'internal', message: 'Internal server error', headers: {} });
    expect(injectedError({ status: 503, retryAfter: 7 })).toMatchObject({ status: 503, message: 'Service unavailable', headers: { 'Retry-After': '7' } });
  });

  it('keep any other status exactly', () => {
    expect(injectedError({ status: 418 })).toMatchObject({ status: 418, kind: 'client_error', message: "I'm a teapot" });
    expect(injectedError({ status: 507, message: 'Disk full' })).toMatchObject({ status: 507, kind: 'server_error', message: 'Disk full' });
    expect(injectedError({ status: 409 }).status).toBe(409);
  });
});
