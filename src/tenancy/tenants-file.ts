import fs from 'node:fs';
import Ajv from 'ajv';
import { VENDOR_IDS, type VendorId } from '../core/dialects';
import { lazy } from '../core/lazy';

/** One entry of a `--tenants` file: a credential and the organisation, user and teams it acts as. */
export interface TenantEntry {
  credential: string;
  /** The vendors this credential is valid for; all of them when absent. */
  vendors?: VendorId[];
  organization: string;
  user?: string;
  teams?: string[];
}

const TENANTS_FILE_SCHEMA = {
  type: 'object',
  required: ['tenants'],
  additionalProperties: false,
  properties: {
    tenants: {
      type: 'array',
      items: {
        type: 'object',
        required: ['credential', 'organization'],
        additionalProperties: false,
        properties: {
          credential: { type: 'string', minLength: 1 },
          vendors: { type: 'array', items: { enum: [...VENDOR_IDS] }, minItems: 1 },
          organization: { type: 'string', minLength: 1 },
          user: { type: 'string', minLength: 1 },
          teams: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
        },
      },
    },
  },
} as const;

const tenantsFileValidator = lazy(() => new Ajv({ allErrors: true }).compile<{ tenants: TenantEntry[] }>(TENANTS_FILE_SCHEMA));

export class TenantsFileError extends Error {
  override name = 'TenantsFileError';
}

/** Whether a vendor's clients can send this credential (its dialects' Authorization rule). */
export type CredentialCheck = (vendor: VendorId, credential: string) => boolean;

/**
 * Reads and checks a tenants file, with a message that names the file and every mistake in it:
 * besides its shape, a credential given twice (the second entry would silently replace the first)
 * and one that no client of its vendors could send (`canBeSent`), which no request could ever use.
 */
export function readTenantsFile(file: string, canBeSent: CredentialCheck): TenantEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TenantsFileError(`Cannot read the tenants file ${file}: ${(error as Error).message}`);
  }
  const validateTenantsFile = tenantsFileValidator();
  if (!validateTenantsFile(parsed)) {
    const problems = (validateTenantsFile.errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message}`);
    throw new TenantsFileError(`The tenants file ${file} is not valid:\n${problems.join('\n')}`);
  }
  const problems = [...duplicateCredentials(parsed.tenants), ...unusableCredentials(parsed.tenants, canBeSent)];
  if (problems.length > 0) throw new TenantsFileError(`The tenants file ${file} is not valid:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  return parsed.tenants;
}

function duplicateCredentials(entries: readonly TenantEntry[]): string[] {
  const firstAt = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const first = firstAt.get(entry.credential);
    if (first === undefined) firstAt.set(entry.credential, index);
    else problems.push(`/tenants/${index}/credential is the credential of /tenants/${first} too: one credential is one tenant (list all its vendors in one entry)`);
  });
  return problems;
}

function unusableCredentials(entries: readonly TenantEntry[], canBeSent: CredentialCheck): string[] {
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const refusing = (entry.vendors ?? VENDOR_IDS).filter((vendor) => !canBeSent(vendor, entry.credential));
    // Listed vendors must each take it; without a list, it must serve at least one vendor.
    if (refusing.length === 0 || (!entry.vendors && refusing.length < VENDOR_IDS.length)) return;
    const hint = /^bearer\s/i.test(entry.credential)
      ? ': write the token without its scheme'
      : /\s/.test(entry.credential)
        ? ': a credential has no spaces'
        : '';
    problems.push(`/tenants/${index}/credential cannot be sent to ${refusing.join(', ')} in an Authorization header${hint}`);
  });
  return problems;
}
