import type { DialectId } from '../../src/core/dialects';
import { VENDOR_OF, VENDOR_PREFIX } from '../../src/core/dialects';
import type { UpstreamRoute } from '../../src/proxy/proxy-config';
import { profileOf } from './dialect-profiles';

/** The dialects that can express create, list, get, update and delete (SuperSend v1 has no get). */
export const FULL_DIALECTS: DialectId[] = ['attention-v2', 'kirim', 'supersend-v2', 'jasni'];

/** Every ordered pair of distinct full dialects: 12 translations. */
export const PAIRS = FULL_DIALECTS.flatMap((client) => FULL_DIALECTS.filter((target) => target !== client).map((target) => ({ client, target })));

/** The key the translating gateway presents to the vendors, in each target's own scheme. */
export const UPSTREAM_KEY = 'upstream-key';

/**
 * The team a translating route puts labels in, in the target's own form, and deliberately not the
 * team any client sends: a client that gets this back instead of its own team sees the bug.
 */
export const TARGET_TEAM: Partial<Record<DialectId, string>> = {
  kirim: 'team_translated',
  'supersend-v2': '5d0f6a1e-8c3b-4e7a-9f21-6b4c2d8e0a13',
};

export function translationRoute(vendorsUrl: string, target: DialectId): UpstreamRoute {
  const team = TARGET_TEAM[target];
  return {
    upstream: vendorsUrl + VENDOR_PREFIX[VENDOR_OF[target]],
    as: target,
    credential: profileOf(target).auth(UPSTREAM_KEY).Authorization,
    ...(team ? { params: { team_id: team } } : {}),
  };
}

/** The query that lists, on the vendor itself, the labels a translating route wrote. */
export function targetListQuery(target: DialectId): Record<string, string | number> {
  const team = TARGET_TEAM[target];
  if (target === 'supersend-v2') return { team_id: team!, limit: 100 };
  if (target === 'kirim') return { team_id: team!, limit: 100 };
  return {};
}

export const lostFieldsOf = (res: { headers: Record<string, string | undefined> }): string[] =>
  (res.headers['x-label-gateway-lost-fields'] ?? '').split(', ').filter(Boolean);
