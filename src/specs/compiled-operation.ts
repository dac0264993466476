import type { ErrorObject } from 'ajv';
import type { DialectId } from '../core/dialects';
import type { ParameterCoercions } from './parameter-coercion';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * A compiled schema as the gateway calls it: true when `data` conforms, with ajv's `errors` of the
 * last call when not. An ajv ValidateFunction is one; so is a validator compiled on first use
 * (spec-compiler.ts), which a bundled spec's operations get.
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
  /** The schema it checks (dereferenced: shared objects are the same objects). */
  readonly schema: unknown;
}

export interface CompiledBody {
  required: boolean;
  validate: SchemaValidator;
  /** Top-level string properties marked `x-trim: true`: trimmed before validation, as the vendor does. */
  trimmedFields: readonly string[];
}

/** The path or the query parameters of an operation: which to convert from text, and their check. */
export interface CompiledParameters {
  coercions: ParameterCoercions;
  /** Validates the converted values as an object; fills in defaults. */
  validate: SchemaValidator;
}

/** One operation of a dialect's spec with every validator it needs, each compiled once. */
export interface CompiledOperation {
  dialect: DialectId;
  operationId: string;
  method: HttpMethod;
  /** The vendor's own path template, as in the spec: `/v2/labels/{id}`. */
  path: string;
  /** False when the operation is marked `x-source: inferred` (not in the vendor's documentation). */
  documented: boolean;
  pathParameters: CompiledParameters;
  queryParameters: CompiledParameters;
  body?: CompiledBody;
  /** Response body validators by status code, and `default`. */
  responses: ReadonlyMap<string, SchemaValidator>;
}

export interface LoadedSpec {
  dialect: DialectId;
  file: string;
  /** The dereferenced document, kept for documentation and the admin surface. */
  document: Record<string, unknown>;
  operations: readonly CompiledOperation[];
}

export function responseValidator(operation: CompiledOperation, status: number): SchemaValidator | undefined {
  return operation.responses.get(String(status)) ?? operation.responses.get(`${Math.floor(status / 100)}XX`) ?? operation.responses.get('default');
}

/** Every validator of an operation, each named by what it checks: `path`, `query`, `body`, or a response's status. */
export function validatorsOf(operation: CompiledOperation): Array<[string, SchemaValidator]> {
  return [
    ['path', operation.pathParameters.validate],
    ['query', operation.queryParameters.validate],
    ...(operation.body ? [['body', operation.body.validate] as [string, SchemaValidator]] : []),
    ...operation.responses,
  ];
}
