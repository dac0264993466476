import { checkProxyConfig, parseUpstreamFlag } from '../../src/proxy/proxy-config';

describe('gateway config', () => {
  it('accepts the documented example', () => {
    const config = checkProxyConfig(
      {
        contract: 'report',
        upstreamTimeoutMs: 10000,
        routes: {
          kirim: { upstream: 'https://api-kckit.kirim.chat' },
          jasni: { upstream: 'http://127.0.0.1:4011/kirim', as: 'kirim', credential: 'Bearer t' },
          'attention-v2': { upstream: 'http://127.0.0.1:4011/supersend', as: 'supersend-v2', credential: 'Bearer k', params: { team_id: 'u' } },
        },
      },
      'gateway.json',
    );
    expect(config.routes.jasni?.as).toBe('kirim');
  });

  it('names every mistake', () => {
    expect(() =>
      checkProxyConfig({ contract: 'strict', routes: { stripe: { upstream: 'x' }, kirim: { upstream: 'ftp://x' } } }, 'gateway.json'),
    ).toThrow(/gateway.json is not a valid gateway config:[\s\S]*\/contract[\s\S]*"stripe" is not a dialect[\s\S]*\/routes\/kirim\/upstream/);
  });

  it('refuses a credential on a pass-through, and an unset credential variable', () => {
    expect(() => checkProxyConfig({ routes: { kirim: { upstream: 'http://x', credential: 'Bearer t' } } }, 'c')).toThrow(/pass-through sends the client's own credential/);
    expect(() => checkProxyConfig({ routes: { jasni: { upstream: 'http://x', as: 'kirim', credentialEnv: 'NOPE_NOT_SET' } } }, 'c', {})).toThrow(/NOPE_NOT_SET is not set/);
  });

  it('reads the --upstream shorthands', () => {
    expect(parseUpstreamFlag('kirim=https://api-kckit.kirim.chat')).toEqual(['kirim', { upstream: 'https://api-kckit.kirim.chat' }]);
    expect(parseUpstreamFlag('jasni=kirim@http://127.0.0.1:4011/kirim')).toEqual(['jasni', { upstream: 'http://127.0.0.1:4011/kirim', as: 'kirim' }]);
    expect(() => parseUpstreamFlag('nope=http://x')).toThrow(/not a dialect/);
  });
});
