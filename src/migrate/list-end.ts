import { GatewayError } from '../core/errors';
import type { Label } from '../core/label';
import { MigrationInputError, MigrationRunError } from './errors';
import type { Peer } from './peer';

/**
 * Every label of an end, through its dialect's client (all pages). A source's `team_id` may name
 * several teams (`a,b`): each is listed, and labels seen in more than one (SuperSend's org-wide
 * ones) are kept once. Failures become one-line errors naming the end, never the credential.
 */
export async function listEnd(peer: Peer): Promise<Label[]> {
  try {
    const teams = peer.role === 'source' ? (peer.settings.params.team_id ?? '').split(',').map((team) => team.trim()).filter(Boolean) : [];
    if (teams.length <= 1) return await peer.client.list(peer.exchange().send, peer.context);
    const labels = new Map<string, Label>();
    for (const team of teams) {
      for (const label of await peer.client.list(peer.exchange().send, { params: { ...peer.settings.params, team_id: team } })) {
        if (!labels.has(label.id)) labels.set(label.id, label);
      }
    }
    return [...labels.values()];
  } catch (error) {
    const failure = listFailure(peer, error);
    failure.message = peer.redact(failure.message);
    throw failure;
  }
}

function listFailure(peer: Peer, error: unknown): Error {
  if (!(error instanceof GatewayError)) return error as Error;
  const who = `the ${peer.role} (${peer.describe()})`;
  if (error.source === 'gateway' && error.kind === 'validation' && error.field) {
    return new MigrationInputError(`${who} needs ${error.field}: pass ${peer.role === 'source' ? '--from-param' : '--param'} ${error.field}=… (${error.message})`);
  }
  if (!peer.hasAnswered()) return new MigrationInputError(`cannot reach ${who}: ${error.message}`);
  if (error.kind === 'unauthenticated') {
    const flag = peer.role === 'source' ? '--from-credential-env' : '--to-credential-env';
    return new MigrationInputError(`${who} refused the credential in $${peer.settings.credentialEnv} (${flag}): ${error.message}`);
  }
  if (error.kind === 'not_found') return new MigrationInputError(`${who} has no label list there (${error.message}); the dialect's paths are appended to the URL, a gateway's ends in its vendor prefix`);
  if (error.status < 500 && error.kind !== 'rate_limited') return new MigrationInputError(`${who} refused to list its labels: ${error.message}`);
  return new MigrationRunError(`${who} could not be listed: ${error.message}`);
}
