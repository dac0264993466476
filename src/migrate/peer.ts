import type { RetryPolicy } from 'cockatiel';
import { ADAPTERS } from '../../adapters';
import { MIGRATION_CLIENTS } from '../../adapters/clients';
import { credentialFingerprint } from '../core/credential-fingerprint';
import { GatewayError } from '../core/errors';
import type { ContractViolation } from '../http/response-contract';
import type { MigrationClient, SendUpstream, TargetContext, UpstreamAnswer, UpstreamRequest } from '../proxy/translation/dialect-client';
import { httpUpstream, type HttpUpstream } from '../proxy/translation/http-upstream';
import type { RouteTable } from '../specs/route-table';
import { MigrationInputError } from './errors';
import { retryAfterMs, RetryableAttempt, RetryAfterGate, retryPolicy, type BackoffTiming } from './retry-policy';
import type { EndpointSettings } from './settings';

/** Methods that may be sent again after a 5xx or a lost connection without risk of doing the work twice. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);

export type PeerRole = 'source' | 'target';

export interface PeerOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** The target dialect's routes, to check every answer against its spec (findings are reported). */
  routes: RouteTable;
  backoff?: BackoffTiming;
  /** Told when an answer asks this run to wait (Retry-After), once per new wait. */
  onWait?(peer: Peer, status: number, waitMs: number): void;
}

/** Requests of one unit of work (a label, a listing), and the status of the last answer they got. */
export interface PeerExchange {
  send: SendUpstream;
  lastStatus(): number | undefined;
}

/**
 * One end of a migration: its dialect's client, its params, and a sender that presents the end's
 * credential and is polite to it (bounded retries, Retry-After honoured by every request).
 */
export class Peer {
  readonly client: MigrationClient;
  readonly context: TargetContext;
  /** A non-reversible name of the credential (core's fingerprint), so a state file knows its account. */
  readonly account: string;
  private readonly upstream: HttpUpstream;
  private readonly policy: RetryPolicy;
  private readonly gate = new RetryAfterGate();
  private answered = false;
  private readonly findings: ContractViolation[] = [];
  private findingCount = 0;

  constructor(
    readonly role: PeerRole,
    readonly settings: EndpointSettings,
    private readonly authorization: string,
    private readonly options: PeerOptions,
  ) {
    this.client = MIGRATION_CLIENTS[settings.dialect];
    this.context = { params: settings.params };
    this.account = credentialFingerprint(authorization.replace(/^bearer\s+/i, ''));
    this.upstream = httpUpstream({ target: settings.dialect, upstream: settings.upstream, timeoutMs: options.timeoutMs, contract: 'report', routes: options.routes });
    this.policy = retryPolicy(options.maxAttempts, options.backoff);
  }

  /** `kirim at https://api-kckit.kirim.chat`, for messages (never the credential). */
  describe(): string {
    return `${this.settings.dialect} at ${this.settings.upstream}`;
  }

  /** `text` without this end's credential, should an answer ever echo it (a vendor's 401 quoting the token). */
  redact(text: string): string {
    const token = this.authorization.replace(/^bearer\s+/i, '');
    return token.length >= 4 ? text.split(token).join('[credential]') : text;
  }

  /** Whether this end has answered anything yet: a failure before that is "unreachable", not a blip. */
  hasAnswered(): boolean {
    return this.answered;
  }

  /** Contract findings in this end's answers: how many, and the first few. */
  contractFindings(): { count: number; first: ContractViolation[] } {
    return { count: this.findingCount, first: [...this.findings] };
  }

  exchange(): PeerExchange {
    let lastStatus: number | undefined;
    const once = this.upstream.forExchange({
      authorization: this.authorization,
      observe: (status, violations) => {
        lastStatus = status;
        this.answered = true;
        this.findingCount += violations.length;
        if (this.findings.length < 5) this.findings.push(...violations.slice(0, 5 - this.findings.length));
      },
    });
    const attempt = async (request: UpstreamRequest): Promise<UpstreamAnswer> => {
      await this.gate.passed();
      lastStatus = undefined;
      let answer: UpstreamAnswer;
      try {
        answer = await once(request);
      } catch (error) {
        throw this.retryableFailure(request, error, lastStatus) ?? error;
      }
      const retryable = this.retryableAnswer(request, answer);
      if (retryable) throw retryable;
      return answer;
    };
    const send: SendUpstream = async (request) => {
      try {
        return await this.policy.execute(() => attempt(request));
      } catch (error) {
        if (!(error instanceof RetryableAttempt)) throw error;
        // Out of attempts: the last answer goes to the dialect's client, which turns it into the refusal.
        if ('answer' in error.outcome) return error.outcome.answer;
        throw error.outcome.failure;
      }
    };
    return { send, lastStatus: () => lastStatus };
  }

  private retryableAnswer(request: UpstreamRequest, answer: UpstreamAnswer): RetryableAttempt | undefined {
    const waitMs = retryAfterMs(answer.retryAfter);
    if (waitMs !== undefined && (answer.status === 429 || answer.status === 503)) {
      if (this.gate.closeFor(waitMs)) this.options.onWait?.(this, answer.status, waitMs);
      return new RetryableAttempt({ answer }, waitMs);
    }
    // A 429 was not acted on, whatever the method; a 5xx may have been, so only idempotent requests go again.
    if (answer.status === 429 || (answer.status >= 500 && IDEMPOTENT.has(request.method))) return new RetryableAttempt({ answer });
    return undefined;
  }

  private retryableFailure(request: UpstreamRequest, error: unknown, status: number | undefined): RetryableAttempt | undefined {
    if (!(error instanceof GatewayError)) return undefined;
    if (status === 429) return new RetryableAttempt({ failure: error });
    if (!IDEMPOTENT.has(request.method)) return undefined; // a create may have happened: the run finds out by listing
    if (error.kind === 'upstream_invalid' && status !== undefined && status >= 500) return new RetryableAttempt({ failure: error });
    const network = error.kind === 'upstream_unavailable' || error.kind === 'upstream_timeout';
    return network && this.answered ? new RetryableAttempt({ failure: error }) : undefined;
  }
}

/** The Authorization value an end presents: the variable's value, a bare token given the dialect's scheme. */
export function authorizationFrom(settings: EndpointSettings, role: PeerRole, env: NodeJS.ProcessEnv): string {
  const value = env[settings.credentialEnv]?.trim();
  const flag = role === 'source' ? '--from-credential-env' : '--to-credential-env';
  if (!value) throw new MigrationInputError(`the environment variable ${settings.credentialEnv} (${flag}) is not set or empty`);
  const { scheme } = ADAPTERS[settings.dialect].credentials;
  return scheme === 'bearer' && !/^bearer\s/i.test(value) ? `Bearer ${value}` : value;
}
