import { isDialectId, type DialectId } from '../../core/dialects';

/**
 * The namespace of one translation route's id pairs: a client dialect served through a target
 * dialect at one upstream. The translating proxy and `label-gateway migrate` both key the persisted
 * id map by it, so the pairs a migration leaves behind are the ones the proxy reads.
 */
export function translationScope(client: DialectId, target: DialectId, upstream: string): string {
  // `http://host/kirim` and `http://host/kirim/` are one upstream (the sender strips the slash too).
  return `${client}>${target}@${upstream.replace(/\/+$/, '')}`;
}

/** The namespace of the same route's team pairs (client team ↔ target team), beside its label ids. */
export function translationTeamScope(client: DialectId, target: DialectId, upstream: string): string {
  return `${translationScope(client, target, upstream)}#teams`;
}

/** The client dialect of a scope (the admin state files id pairs under its vendor). */
export function clientDialectOfScope(scope: string): DialectId | undefined {
  const client = scope.slice(0, Math.max(0, scope.indexOf('>')));
  return isDialectId(client) ? client : undefined;
}
