import Ajv, { type ErrorObject } from 'ajv';
import { VENDOR_IDS, type VendorId } from '../core/dialects';
import { VENDOR_POLICIES } from '../backends/mock/vendor-policies';
import { isRfc3339DateTime } from '../specs/date-time-format';
import { STATE_FORMAT, STATE_VERSION, type StateDocument } from './state-document';
import { StateDocumentError } from './state-problem';
import { lazy } from '../core/lazy';

/** The longest name each vendor's spec allows (specs/<dialect>.openapi.yaml, the create body's `name`). */
const NAME_MAX_LENGTH: { readonly [V in VendorId]: number } = { attention: 128, kirim: 100, supersend: 50, jasni: 50 };

const TIMESTAMP = { type: 'string', format: 'gateway-timestamp', 'x-expected': 'an RFC 3339 UTC time to the second, e.g. "2026-04-16T18:00:00Z"' };
const TEXT = { type: 'string', minLength: 1 };
const TEXTS = { type: 'array', items: TEXT };

/** An object of exactly these properties, all required. */
const objectOf = (properties: Record<string, object>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });

function labelSchema(vendor: VendorId) {
  const policy = VENDOR_POLICIES[vendor];
  return {
    type: 'object',
    additionalProperties: false,
    required: [
      ...['id', 'teamId', 'userId', 'name', 'color', 'description'],
      ...['aiFlow', 'allTeams', 'isDefaultTemplate', 'options', 'createdAt', 'updatedAt', 'deletedAt'],
    ],
    properties: {
      id: { type: 'string', pattern: policy.idPattern.source, 'x-expected': policy.idForm },
      teamId:
        vendor === 'kirim'
          ? { ...TEXT, 'x-expected': 'a team id (every Kirim label has a team)' }
          : vendor === 'supersend'
            ? { type: ['string', 'null'], minLength: 1 }
            : { type: 'null', 'x-expected': `null (${vendor} has no teams)` },
      userId: TEXT,
      name: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH[vendor] },
      color: { type: ['string', 'null'], pattern: '^#[0-9A-Fa-f]{6}$', 'x-expected': 'a "#rrggbb" colour or null' },
      description: { type: ['string', 'null'] },
      aiFlow: { type: 'boolean' },
      allTeams: { type: 'boolean' },
      isDefaultTemplate: { type: 'boolean' },
      options: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['value'], properties: { value: TEXT, description: { type: 'string' } } },
      },
      createdAt: TIMESTAMP,
      updatedAt: TIMESTAMP,
      deletedAt:
        policy.deletion === 'soft-restorable'
          ? { type: ['string', 'null'], format: 'gateway-timestamp', 'x-expected': 'null, or the RFC 3339 UTC time of the soft delete' }
          : { type: 'null', 'x-expected': `null (${vendor} deletes labels for good; only SuperSend keeps deleted ones)` },
    },
  };
}

function vendorSchema(vendor: VendorId) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['tenants'],
    properties: {
      tenants: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['orgId'],
          properties: {
            orgId: TEXT,
            teams: { ...TEXTS, uniqueItems: true },
            labels: { type: 'array', items: labelSchema(vendor) },
            assignments:
              vendor === 'supersend'
                ? { type: 'array', items: objectOf({ conversationId: TEXT, labelId: TEXT }) }
                : { type: 'array', maxItems: 0, 'x-expected': 'empty (only SuperSend v1 assigns labels to conversations)' },
          },
        },
      },
      idMap: { type: 'array', items: objectOf({ scope: TEXT, clientId: TEXT, upstreamId: TEXT }) },
    },
  };
}

const DOCUMENT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'version', 'vendors'],
  properties: {
    format: { const: STATE_FORMAT },
    version: { const: STATE_VERSION, 'x-expected': `${STATE_VERSION} (the only version this gateway reads)` },
    vendors: {
      type: 'object',
      additionalProperties: false,
      'x-unknown-property': `is not a vendor (the vendors are ${VENDOR_IDS.join(', ')})`,
      properties: Object.fromEntries(VENDOR_IDS.map((vendor) => [vendor, vendorSchema(vendor)])),
    },
  },
};

// The gateway's own timestamps: UTC, to the second (as every vendor example shows), and a real date.
const GATEWAY_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const documentValidator = lazy(() => {
  const ajv = new Ajv({ allErrors: false, verbose: true, strictSchema: false });
  ajv.addFormat('gateway-timestamp', { type: 'string', validate: (value: string) => GATEWAY_TIMESTAMP.test(value) && isRfc3339DateTime(value) });
  return ajv.compile<StateDocument>(DOCUMENT_SCHEMA);
});

/** Checks the exported form's shape; the first mistake is thrown with its path and reason. */
export function checkDocumentShape(document: unknown): asserts document is StateDocument {
  const validateDocument = documentValidator();
  if (validateDocument(document)) return;
  const [first] = validateDocument.errors ?? [];
  throw first ? problemOf(first) : new StateDocumentError('', 'is not a valid state document');
}

function problemOf(error: ErrorObject): StateDocumentError {
  const schema = (error.parentSchema ?? {}) as { 'x-expected'?: string; 'x-unknown-property'?: string };
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return new StateDocumentError(`${at}/${escape(String(params.missingProperty))}`, 'is required');
    case 'additionalProperties':
      return new StateDocumentError(`${at}/${escape(String(params.additionalProperty))}`, schema['x-unknown-property'] ?? 'is not a recognised field');
    case 'const':
      return new StateDocumentError(at, `must be ${schema['x-expected'] ?? JSON.stringify(params.allowedValue)}`);
    case 'type':
      return new StateDocumentError(at, `must be ${schema['x-expected'] ?? describeType(String(params.type))}`);
    case 'minLength':
      return new StateDocumentError(at, 'must not be empty');
    case 'maxLength':
      return new StateDocumentError(at, `must be at most ${params.limit} characters`);
    case 'uniqueItems':
      return new StateDocumentError(`${at}/${params.i}`, `repeats item ${params.j}`);
    default:
      return new StateDocumentError(at, schema['x-expected'] ? `must be ${schema['x-expected']}` : (error.message ?? 'is not valid'));
  }
}

function describeType(type: string): string {
  return type
    .split(',')
    .map((name) => (name === 'null' ? 'null' : name === 'object' || name === 'array' || name === 'integer' ? `an ${name}` : `a ${name}`))
    .join(' or ');
}

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
