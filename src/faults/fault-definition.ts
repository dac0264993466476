import type { DialectId } from '../core/dialects';

/** The network failures clients handle worst (WireMock's Fault enum, Toxiproxy's reset_peer). */
export const NETWORK_FAULTS = ['reset', 'empty', 'malformed'] as const;
/**
 * - `reset`: the connection is reset (TCP RST): the client reads ECONNRESET.
 * - `empty`: the connection is closed without a byte: "socket hang up" / "empty reply".
 * - `malformed`: a status line, JSON headers and a JSON body cut off mid-object, then the connection closes.
 */
export type NetworkFault = (typeof NETWORK_FAULTS)[number];

/** An answer in the dialect's own error envelope. */
export interface FaultResponse {
  /** Any 4xx or 5xx. */
  status: number;
  /** Seconds, sent as `Retry-After`; 429 and 503 carry 1 when it is not given. */
  retryAfter?: number;
  /** The error's message; default: the vendor's wording for the status ("Rate limit exceeded"). */
  message?: string;
}

/**
 * A fault as armed through `POST /__admin/faults`, the config file's `faults` or `startGateway()`.
 * It needs one effect: `respond`, `fault`, or `delayMs` alone (which slows the real answer).
 */
export interface FaultDefinition {
  /** Only this dialect's requests; absent: every dialect. */
  dialect?: DialectId;
  /** Only this operation (the spec's operationId). */
  operation?: string;
  /** Only the requests of this credential (`Bearer sk_test_1`, or the bare token); kept as a fingerprint only. */
  credential?: string;
  respond?: FaultResponse;
  fault?: NetworkFault;
  /** Milliseconds before the answer (or the network failure). */
  delayMs?: number;
  /** Disarmed after firing this many times; absent: until removed. */
  times?: number;
  /** 0–1: the chance that a matching request fires it (default 1). */
  probability?: number;
  /** Makes `probability` repeatable: the same seed fires on the same requests. */
  seed?: number;
}

/** An armed fault as `GET /__admin/faults` lists it: its definition without the credential, with its id and count. */
export interface FaultView extends Omit<FaultDefinition, 'credential'> {
  id: string;
  /** The fingerprint of the credential it matches (`credentialFingerprint()`), never the credential. */
  credentialFingerprint?: string;
  /** How often it has fired. */
  fired: number;
  armedAt: string;
}
