import type { CredentialRule } from '../../core/adapter';
import type { DialectId } from '../../core/dialects';
import { GatewayError } from '../../core/errors';
import { credentialFrom } from '../../http/authenticate';
import { upstreamCredential, type UpstreamRoute } from '../proxy-config';
import type { TeamRule } from './team-rule';

/** What a translation target accepts, as its adapter and spec say. */
export interface TranslationTargetRules {
  dialect: DialectId;
  credentials: CredentialRule;
  /** undefined: the target has no teams. */
  teams: TeamRule | undefined;
}

/** The only route parameter a translation reads. */
const KNOWN_PARAMS = ['team_id'];

/**
 * RFC 7235's token68, the syntax of an HTTP credential: what every real key and token is made of, and
 * what a left-in placeholder such as `<kirim token>` is not.
 */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The start-up check of a translating route's values against what its target accepts, so that a
 * placeholder left in the config stops the gateway instead of being sent upstream on every request.
 * Each problem is one line naming the config key; a credential's value is never repeated.
 */
export function translationRouteProblems(
  client: DialectId,
  route: UpstreamRoute,
  target: TranslationTargetRules,
  clientTeams: TeamRule | undefined,
  env: NodeJS.ProcessEnv,
): string[] {
  const at = `routes.${client}`;
  const problems: string[] = [];
  const params = route.params ?? {};
  for (const name of Object.keys(params)) {
    if (!KNOWN_PARAMS.includes(name)) problems.push(`${at}.params.${name}: unknown parameter (a translation takes only ${KNOWN_PARAMS.join(', ')})`);
  }
  const team = params.team_id;
  if (team !== undefined && !target.teams) {
    problems.push(`${at}.params.team_id: ${target.dialect} has no teams; remove it`);
  } else if (team !== undefined) {
    const problem = target.teams!.problemWith(team);
    if (problem) problems.push(`${at}.params.team_id: ${JSON.stringify(team)} is not a ${target.dialect} team id: ${problem.replace(/\.$/, '')}`);
  } else if (target.teams?.required && !clientTeams) {
    problems.push(`${at}.params.team_id is required: ${target.dialect} puts every label in a team and ${client} clients name none (set it in a --config file)`);
  }
  const credential = upstreamCredential(route, env);
  if (credential !== undefined) {
    const key = route.credentialEnv ? `${at}.credentialEnv (${route.credentialEnv})` : `${at}.credential`;
    const problem = credentialProblem(credential, target);
    if (problem) problems.push(`${key}: ${problem}`);
  }
  return problems;
}

function credentialProblem(value: string, target: TranslationTargetRules): string | undefined {
  let token: string;
  try {
    token = credentialFrom(value, target.credentials);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return `not a ${target.dialect} Authorization value: ${error.message.replace(/\.$/, '')}`;
  }
  if (!TOKEN68.test(token)) return `not a ${target.dialect} credential: a key or token is one word of letters, digits and -._~+/ (is a placeholder left in?)`;
  return undefined;
}
