import type { ValidateFunction } from 'ajv';
import { GatewayError, validationError } from '../core/errors';
import type { CompiledOperation } from '../specs/compiled-operation';
import { describeAjvError } from '../specs/describe-error';

/** Checks path and query parameters; coerces them to their declared types and fills defaults. */
export function checkParameters(operation: CompiledOperation, params: Record<string, string>, rawQuery: unknown) {
  const query: Record<string, unknown> = { ...(rawQuery as Record<string, unknown>) };
  check(operation.pathParameters, params, 'path');
  check(operation.queryParameters, query, 'query');
  return { params, query };
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

function check(validate: ValidateFunction, data: unknown, root: string): void {
  if (validate(data)) return;
  const [first] = validate.errors ?? [];
  if (!first) throw new GatewayError('validation', `The ${root} is not valid.`);
  const problem = describeAjvError(first, root);
  throw validationError(problem.field, problem.message, problem.missing ? 'missing' : 'invalid');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
