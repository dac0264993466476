import request from 'supertest';
import { credentialFingerprint } from '../../src/core/credential-fingerprint';
import type { StateDocument } from '../../src/state/state-document';

/** The admin state routes of a running gateway, as a test drives them. */
export function adminState(url: string) {
  return {
    async export(query: Record<string, string> = {}): Promise<StateDocument> {
      return (await request(url).get('/__admin/state').query(query).expect(200)).body as StateDocument;
    },
    put: (document: unknown) => request(url).put('/__admin/state').send(document as object),
    reset: (query: Record<string, string> = {}, body?: object) => {
      const call = request(url).post('/__admin/reset').query(query);
      return body === undefined ? call : call.send(body);
    },
  };
}

/** The tenant key open mode gives an Authorization header value in the dialect's scheme. */
export function tenantKeyOf(authorization: string, scheme: 'raw' | 'bearer'): string {
  return credentialFingerprint(scheme === 'raw' ? authorization : authorization.replace(/^Bearer\s+/i, ''));
}
