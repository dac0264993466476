import { randomUUID } from 'node:crypto';
import type { CredentialRule } from '../core/adapter';
import type { DialectId } from '../core/dialects';
import { fingerprintFor, fingerprintsOf, type CredentialFingerprints } from './credential-fingerprints';
import type { FaultDefinition, FaultView } from './fault-definition';
import { checkFaultDefinition } from './fault-schema';
import { seededRandom, type RandomSource } from './random';
import type { OperationCatalogue } from './operation-catalogue';

/** A fault as the registry holds it: the credential only as fingerprints. */
export interface ArmedFault {
  readonly id: string;
  /** Arming order: the first armed of several matching faults is the one that fires. */
  readonly sequence: number;
  readonly definition: Readonly<Omit<FaultDefinition, 'credential'>>;
  readonly fingerprints?: CredentialFingerprints;
  readonly armedAt: number;
  readonly random: RandomSource;
  fired: number;
}

/** What a request offers for matching. */
export interface FaultQuery {
  dialect: DialectId;
  operationId?: string;
  /** Fingerprint of the request's credential, as its dialect reads it. */
  credentialFingerprint?: string;
}

const ANY = '*';
const bucketKey = (dialect: string, operation: string, credential: string) => `${dialect}\u0000${operation}\u0000${credential}`;

/** The buckets a fault is filed in: one, or one per fingerprint its credential can be read as. */
function bucketKeysOf(fault: ArmedFault): string[] {
  const dialect = fault.definition.dialect ?? ANY;
  const operation = fault.definition.operation ?? ANY;
  if (!fault.fingerprints) return [bucketKey(dialect, operation, ANY)];
  const { bearer, raw } = fault.fingerprints;
  return [...new Set([bearer, raw])].map((fingerprint) => bucketKey(dialect, operation, fingerprint));
}

/**
 * The armed faults. Matching is indexed by dialect, operation and credential, so faults armed for
 * other operations or other tenants cost a request nothing (a suite that arms one fault per tenant
 * pays for its own); among the candidates the first armed that matches (and whose probability roll
 * comes up) fires. `times` disarms a fault after that many firings.
 */
export class FaultRegistry {
  private readonly faults = new Map<string, ArmedFault>();
  private readonly buckets = new Map<string, ArmedFault[]>();
  private sequence = 0;

  constructor(
    private readonly catalogue: OperationCatalogue,
    private readonly schemes: { readonly [D in DialectId]: CredentialRule['scheme'] },
  ) {}

  /** True when any fault is armed: the pipeline's one test on the unarmed hot path. */
  get armed(): boolean {
    return this.faults.size > 0;
  }

  /** Checks and arms a fault; a FaultDefinitionError (naming the field) arms nothing. */
  add(input: unknown): FaultView {
    const { credential, ...definition } = checkFaultDefinition(input, this.catalogue);
    const fault: ArmedFault = {
      id: `flt_${randomUUID()}`,
      sequence: this.sequence++,
      definition,
      fingerprints: credential === undefined ? undefined : fingerprintsOf(credential),
      armedAt: Date.now(),
      random: definition.seed === undefined ? Math.random : seededRandom(definition.seed),
      fired: 0,
    };
    this.faults.set(fault.id, fault);
    for (const key of bucketKeysOf(fault)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(fault);
      else this.buckets.set(key, [fault]);
    }
    return this.view(fault);
  }

  /** Armed faults in arming order. */
  list(): FaultView[] {
    return [...this.faults.values()].map((fault) => this.view(fault));
  }

  get(id: string): FaultView | undefined {
    const fault = this.faults.get(id);
    return fault && this.view(fault);
  }

  /** Disarms one fault; false when no fault has this id. */
  remove(id: string): boolean {
    const fault = this.faults.get(id);
    if (!fault) return false;
    this.faults.delete(id);
    for (const key of bucketKeysOf(fault)) {
      const remaining = this.buckets.get(key)!.filter((candidate) => candidate !== fault);
      if (remaining.length > 0) this.buckets.set(key, remaining);
      else this.buckets.delete(key);
    }
    return true;
  }

  /** Disarms every fault; answers how many were armed. */
  clear(): number {
    const count = this.faults.size;
    this.faults.clear();
    this.buckets.clear();
    return count;
  }

  /** The fault this request fires, counted as fired (and disarmed if that was its last time), or undefined. */
  fire(query: FaultQuery): ArmedFault | undefined {
    if (this.faults.size === 0) return undefined;
    const candidates = this.candidatesFor(query);
    const scheme = this.schemes[query.dialect];
    // The candidate lists are each in arming order: walk them merged, earliest first.
    const positions = candidates.map(() => 0);
    for (;;) {
      let next = -1;
      for (let list = 0; list < candidates.length; list++) {
        const fault = candidates[list][positions[list]];
        if (fault && (next < 0 || fault.sequence < candidates[next][positions[next]].sequence)) next = list;
      }
      if (next < 0) return undefined;
      const fault = candidates[next][positions[next]++];
      if (fault.fingerprints && fingerprintFor(fault.fingerprints, scheme) !== query.credentialFingerprint) continue;
      const { probability } = fault.definition;
      if (probability !== undefined && probability < 1 && !(fault.random() < probability)) continue;
      fault.fired++;
      if (fault.definition.times !== undefined && fault.fired >= fault.definition.times) this.remove(fault.id);
      return fault;
    }
  }

  /** The buckets a request can match: its dialect or any, its operation or any, its credential or any. */
  private candidatesFor({ dialect, operationId, credentialFingerprint }: FaultQuery): ArmedFault[][] {
    const dialects = [dialect, ANY];
    const operations = operationId === undefined ? [ANY] : [operationId, ANY];
    const credentials = credentialFingerprint === undefined ? [ANY] : [credentialFingerprint, ANY];
    const lists: ArmedFault[][] = [];
    for (const matchedDialect of dialects) {
      for (const operation of operations) {
        for (const credential of credentials) {
          const bucket = this.buckets.get(bucketKey(matchedDialect, operation, credential));
          if (bucket) lists.push(bucket);
        }
      }
    }
    return lists;
  }

  private view(fault: ArmedFault): FaultView {
    const { dialect } = fault.definition;
    const credentialFingerprint = fault.fingerprints && fingerprintFor(fault.fingerprints, dialect ? this.schemes[dialect] : 'bearer');
    return {
      id: fault.id,
      ...fault.definition,
      ...(credentialFingerprint !== undefined && { credentialFingerprint }),
      fired: fault.fired,
      armedAt: new Date(fault.armedAt).toISOString(),
    };
  }
}
