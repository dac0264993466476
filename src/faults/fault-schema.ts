import { DIALECT_IDS } from '../core/dialects';
import { createBodyAjv } from '../specs/ajv';
import { describeAjvError } from '../specs/describe-error';
import { NETWORK_FAULTS, type FaultDefinition } from './fault-definition';
import { OperationCatalogue } from './operation-catalogue';
import { lazy } from '../core/lazy';

/** Longest delay a fault or `Prefer: delay` may ask for: five minutes. */
export const MAX_DELAY_MS = 300_000;

/** The shape of a fault; `checkFaultDefinition` adds what a schema cannot say. */
export const FAULT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  'x-error-message': 'A fault must be a JSON object.',
  properties: {
    dialect: { enum: [...DIALECT_IDS] },
    operation: { type: 'string', minLength: 1 },
    credential: { type: 'string', minLength: 1 },
    respond: {
      type: 'object',
      additionalProperties: false,
      required: ['status'],
      properties: {
        status: { type: 'integer', minimum: 400, maximum: 599, 'x-error-message': 'respond.status must be a 4xx or 5xx status: an integer from 400 to 599.' },
        retryAfter: { type: 'integer', minimum: 0, maximum: 86_400, 'x-error-message': 'respond.retryAfter must be whole seconds from 0 to 86400.' },
        message: { type: 'string', minLength: 1, maxLength: 500 },
      },
    },
    fault: { enum: [...NETWORK_FAULTS] },
    delayMs: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS, 'x-error-message': `delayMs must be whole milliseconds from 0 to ${MAX_DELAY_MS}.` },
    times: { type: 'integer', minimum: 1, 'x-error-message': 'times must be a whole number of at least 1.' },
    probability: { type: 'number', minimum: 0, maximum: 1, 'x-error-message': 'probability must be a number from 0 to 1.' },
    seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295, 'x-error-message': 'seed must be a whole number from 0 to 4294967295.' },
  },
} as const;

const shapeValidator = lazy(() => createBodyAjv().compile(FAULT_SCHEMA));

/** A fault that cannot be armed; `field` names the part at fault (`respond.status`; `''`: the fault as a whole). */
export class FaultDefinitionError extends Error {
  override name = 'FaultDefinitionError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a fault against the schema and the specs; the first mistake is thrown, naming its field. */
export function checkFaultDefinition(input: unknown, catalogue: OperationCatalogue): FaultDefinition {
  const validateShape = shapeValidator();
  if (!validateShape(input)) {
    const problem = describeAjvError(validateShape.errors![0], '');
    throw new FaultDefinitionError(problem.field, problem.message);
  }
  const fault = input as FaultDefinition;
  if (fault.respond && fault.fault) throw new FaultDefinitionError('fault', 'Give respond or fault, not both.');
  if (!fault.respond && !fault.fault && fault.delayMs === undefined) {
    throw new FaultDefinitionError('respond', 'A fault needs an effect: respond (an error answer), fault (reset, empty, malformed) or delayMs.');
  }
  if (fault.seed !== undefined && fault.probability === undefined) {
    throw new FaultDefinitionError('seed', 'seed makes probability repeatable: give probability too.');
  }
  const operations = catalogue.matching(fault.dialect, fault.operation);
  if (fault.operation !== undefined && operations.length === 0) {
    const where = fault.dialect ?? 'any dialect';
    throw new FaultDefinitionError('operation', `${fault.operation} is not an operation of ${where} (known: ${catalogue.operationIds(fault.dialect).join(', ')}).`);
  }
  const status = fault.respond?.status;
  const mute = status === undefined ? undefined : operations.find((operation) => !OperationCatalogue.canAnswer(operation, status));
  if (mute) throw new FaultDefinitionError('respond.status', `${mute.dialect} ${mute.operationId} documents no ${status} answer.`);
  return structuredClone(fault);
}
