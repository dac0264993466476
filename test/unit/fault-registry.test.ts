import type { CredentialRule } from '../../src/core/adapter';
import { credentialFingerprint } from '../../src/core/credential-fingerprint';
import { DIALECT_IDS, type DialectId } from '../../src/core/dialects';
import { FaultRegistry } from '../../src/faults/fault-registry';
import { OperationCatalogue } from '../../src/faults/operation-catalogue';
import { seededRandom } from '../../src/faults/random';
import { defaultSpecsDir } from '../../src/options';
import { loadSpecs } from '../../src/specs/spec-loader';

const SCHEMES = Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, dialect === 'attention-v2' ? 'raw' : 'bearer'])) as Record<DialectId, CredentialRule['scheme']>;

let catalogue: OperationCatalogue;
beforeAll(async () => {
  const specs = await loadSpecs(DIALECT_IDS, defaultSpecsDir());
  catalogue = new OperationCatalogue([...specs.values()].flatMap((spec) => spec.operations));
});

const registry = () => new FaultRegistry(catalogue, SCHEMES);
const kirimCreate = { dialect: 'kirim' as const, operationId: 'createLabel', credentialFingerprint: credentialFingerprint('sk_test_1') };

describe('fault matching', () => {
  it('fires the first armed of several matching faults, whatever their specificity', () => {
    const faults = registry();
    const broad = faults.add({ respond: { status: 500 } });
    faults.add({ dialect: 'kirim', operation: 'createLabel', respond: { status: 429 } });
    expect(faults.fire(kirimCreate)?.id).toBe(broad.id);
    faults.remove(broad.id);
    expect(faults.fire(kirimCreate)?.definition.respond?.status).toBe(429);
  });

  it('matches by dialect, operation and credential, and nothing else', () => {
    const faults = registry();
    faults.add({ dialect: 'kirim', operation: 'createLabel', credential: 'Bearer sk_test_1', respond: { status: 429 } });
    expect(faults.fire({ ...kirimCreate, dialect: 'jasni' })).toBeUndefined();
    expect(faults.fire({ ...kirimCreate, operationId: 'listLabels' })).toBeUndefined();
    expect(faults.fire({ ...kirimCreate, credentialFingerprint: credentialFingerprint('sk_test_2') })).toBeUndefined();
    expect(faults.fire({ ...kirimCreate, credentialFingerprint: undefined })).toBeUndefined();
    expect(faults.fire(kirimCreate)).toBeDefined();
  });

  it('keeps arming order between faults for one tenant and faults for every tenant', () => {
    const faults = registry();
    const forOthers = Array.from({ length: 50 }, (_, index) => faults.add({ dialect: 'kirim', operation: 'createLabel', credential: `Bearer other-${index}`, respond: { status: 500 } }));
    const mine = faults.add({ dialect: 'kirim', operation: 'createLabel', credential: 'Bearer sk_test_1', respond: { status: 429 }, times: 1 });
    const everyone = faults.add({ dialect: 'kirim', respond: { status: 503 }, times: 1 });
    const mineAgain = faults.add({ operation: 'createLabel', credential: 'sk_test_1', respond: { status: 500 } });
    expect(faults.fire(kirimCreate)?.id).toBe(mine.id);
    expect(faults.fire(kirimCreate)?.id).toBe(everyone.id);
    expect(faults.fire(kirimCreate)?.id).toBe(mineAgain.id);
    expect(faults.fire({ ...kirimCreate, credentialFingerprint: credentialFingerprint('other-7') })?.id).toBe(forOthers[7].id);
    faults.remove(forOthers[7].id);
    expect(faults.fire({ ...kirimCreate, credentialFingerprint: credentialFingerprint('other-7') })).toBeUndefined();
    expect(faults.fire({ ...kirimCreate, credentialFingerprint: credentialFingerprint('other-8') })?.id).toBe(forOthers[8].id);
  });

  it('reads a credential as each dialect does: a Bearer token with or without its scheme, an Attention key whole', () => {
    const faults = registry();
    faults.add({ dialect: 'kirim', credential: 'sk_test_1', respond: { status: 500 } });
    expect(faults.fire(kirimCreate)).toBeDefined();
    faults.add({ dialect: 'attention-v2', credential: 'att-key', respond: { status: 500 } });
    expect(faults.fire({ dialect: 'attention-v2', operationId: 'createLabel', credentialFingerprint: credentialFingerprint('att-key') })).toBeDefined();
  });

  it('lists the credential as its fingerprint only', () => {
    const faults = registry();
    const view = faults.add({ dialect: 'kirim', credential: 'Bearer sk_test_1', respond: { status: 429 } });
    expect(view.credentialFingerprint).toBe(credentialFingerprint('sk_test_1'));
    expect(JSON.stringify(faults.list())).not.toContain('sk_test_1');
  });

  it('counts firings and disarms a fault after `times` of them', () => {
    const faults = registry();
    const { id } = faults.add({ dialect: 'kirim', respond: { status: 429 }, times: 2 });
    expect(faults.fire(kirimCreate)?.id).toBe(id);
    expect(faults.get(id)?.fired).toBe(1);
    expect(faults.fire(kirimCreate)?.id).toBe(id);
    expect(faults.get(id)).toBeUndefined();
    expect(faults.fire(kirimCreate)).toBeUndefined();
    expect(faults.armed).toBe(false);
  });

  it('fires a seeded probabilistic fault on the same requests every run, and lets the next fault have the others', () => {
    const pattern = () => {
      const faults = registry();
      faults.add({ dialect: 'kirim', respond: { status: 503 }, probability: 0.5, seed: 42 });
      faults.add({ dialect: 'kirim', respond: { status: 500 } });
      return Array.from({ length: 40 }, () => faults.fire(kirimCreate)!.definition.respond!.status);
    };
    const first = pattern();
    expect(pattern()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(500);
  });

  it('never fires a fault of probability 0', () => {
    const faults = registry();
    faults.add({ respond: { status: 500 }, probability: 0 });
    expect(Array.from({ length: 100 }, () => faults.fire(kirimCreate))).toEqual(Array(100).fill(undefined));
  });
});

describe('fault definitions', () => {
  it.each([
    [{ dialect: 'stripe', respond: { status: 429 } }, 'dialect', /dialect must be one of/],
    [{ dialect: 'kirim', operation: 'createLabels', respond: { status: 429 } }, 'operation', /createLabels is not an operation of kirim \(known: createLabel, deleteLabel/],
    [{ operation: 'nope', respond: { status: 429 } }, 'operation', /not an operation of any dialect/],
    [{ respond: { status: 200 } }, 'respond.status', /4xx or 5xx/],
    [{ respond: { status: '429' } }, 'respond.status', /4xx or 5xx/],
    [{ respond: {} }, 'respond.status', /respond.status is required/],
    [{ respond: { status: 429 }, probability: 2 }, 'probability', /from 0 to 1/],
    [{ respond: { status: 429 }, times: 0 }, 'times', /at least 1/],
    [{ respond: { status: 429 }, fault: 'reset' }, 'fault', /not both/],
    [{ fault: 'timeout' }, 'fault', /reset, empty, malformed/],
    [{ dialect: 'kirim' }, 'respond', /needs an effect/],
    [{ respond: { status: 429 }, seed: 7 }, 'seed', /give probability too/],
    [{ respond: { status: 429 }, colour: 'red' }, 'colour', /not a recognised field/],
    [{ delayMs: -1 }, 'delayMs', /whole milliseconds/],
    [[{ respond: { status: 429 } }], '', /must be a JSON object/],
  ])('refuses %j, naming %s, and arms nothing', (definition, field, message) => {
    const faults = registry();
    let thrown: unknown;
    try {
      faults.add(definition);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'FaultDefinitionError', field });
    expect((thrown as Error).message).toMatch(message);
    expect(faults.list()).toEqual([]);
  });

  it('accepts a delay alone, which slows the real answer', () => {
    expect(registry().add({ dialect: 'jasni', delayMs: 50 })).toMatchObject({ dialect: 'jasni', delayMs: 50, fired: 0 });
  });
});

describe('seeded randomness', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    for (const value of take(3)) expect(value >= 0 && value < 1).toBe(true);
  });
});
