import { GatewayError, validationError } from '../core/errors';
import type { CompiledOperation, CompiledParameters, SchemaValidator } from '../specs/compiled-operation';
import { describeAjvError } from '../specs/describe-error';
import { coerceParameters } from '../specs/parameter-coercion';

/**
 * Checks path and query parameters: converts the integers, numbers and booleans written in their
 * one accepted form (parameter-coercion.ts), checks them against the spec and fills defaults.
 * Works on copies: the request's own `params` and `query` stay as they came. Path parameters reach
 * the adapters as the text of the path (ids are text; a checked number is also plain decimal text).
 */
export function checkParameters(operation: CompiledOperation, params: Record<string, string>, rawQuery: unknown) {
  checkLocation(operation.pathParameters, { ...params }, 'path');
  const query: Record<string, unknown> = { ...(rawQuery as Record<string, unknown>) };
  checkLocation(operation.queryParameters, query, 'query');
  return { params, query };
}

function checkLocation(compiled: CompiledParameters, values: Record<string, unknown>, root: string): void {
  coerceParameters(compiled.coercions, values);
  check(compiled.validate, values, root);
}

/** Checks the body against the operation's request schema, after trimming the fields the vendor trims. */
export function checkBody(operation: CompiledOperation, body: unknown): unknown {
  const spec = operation.body;
  if (!spec) return undefined;
  if (body === undefined) {
    if (spec.required) throw validationError('body', 'A JSON request body is required.', 'missing');
    return undefined;
  }
  if (isPlainObject(body)) {
    for (const field of spec.trimmedFields) {
      const value = body[field];
      if (typeof value === 'string') body[field] = value.trim();
    }
  }
  check(spec.validate, body, 'body');
  return body;
}

function check(validate: SchemaValidator, data: unknown, root: string): void {
  if (validate(data)) return;
  const [first] = validate.errors ?? [];
  if (!first) throw new GatewayError('validation', `The ${root} is not valid.`);
  const problem = describeAjvError(first, root);
  throw validationError(problem.field, problem.message, problem.missing ? 'missing' : 'invalid');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
