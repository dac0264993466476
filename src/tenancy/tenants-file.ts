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

/** Reads and checks a tenants file, with a message that names the file and every mistake in it. */
export function readTenantsFile(file: string): TenantEntry[] {
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
  return parsed.tenants;
}
