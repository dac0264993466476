import type { ErrorObject } from 'ajv';

export interface FieldProblem {
  /** The offending field as the client names it: `name`, `options[0].value`; `body` for the whole body. */
  field: string;
  message: string;
  /** True when a required field is absent (Kirim tells `parameter_missing` from a bad value). */
  missing: boolean;
}

/** Turns ajv's first error into one sentence that names the field, for the dialect's error envelope. */
export function describeAjvError(error: ErrorObject, root: string): FieldProblem {
  const base = fieldPath(error.instancePath, root);
  const custom = (error.parentSchema as { 'x-error-message'?: string } | undefined)?.['x-error-message'];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = join(base, String(params.missingProperty), root);
      return { field, message: `${field} is required.`, missing: true };
    }
    case 'additionalProperties': {
      const field = join(base, String(params.additionalProperty), root);
      return { field, message: `${field} is not a recognised field.`, missing: false };
    }
    case 'not':
      return { field: base, message: custom ?? `${base} must not be supplied.`, missing: false };
    default:
      return { field: base, message: custom ?? `${base} ${sentenceFor(error, params)}.`, missing: false };
  }
}

function sentenceFor(error: ErrorObject, params: Record<string, unknown>): string {
  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(params.type))}`;
    case 'minLength':
      return Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`;
    case 'maxLength':
      return `must be at most ${params.limit} characters`;
    case 'pattern':
      return describePattern(error);
    case 'format':
      return `must be a valid ${String(params.format).toUpperCase() === 'UUID' ? 'UUID' : params.format}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'minimum':
      return `must be at least ${params.limit}`;
    case 'maximum':
      return `must be at most ${params.limit}`;
    case 'minProperties':
      return 'must contain at least one field to update';
    case 'minItems':
      return `must contain at least ${params.limit} item(s)`;
    case 'maxItems':
      return `must contain at most ${params.limit} items`;
    default:
      return error.message ?? 'is not valid';
  }
}

function describePattern(error: ErrorObject): string {
  const example = (error.parentSchema as { example?: unknown } | undefined)?.example;
  return example === undefined ? 'has an invalid format' : `has an invalid format (expected e.g. ${JSON.stringify(example)})`;
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'null' ? 'null' : t === 'integer' ? 'an integer' : t === 'object' ? 'an object' : t === 'array' ? 'an array' : `a ${t}`));
  return words.join(' or ');
}

/** `/options/0/value` → `options[0].value`; the empty pointer is the root itself. */
function fieldPath(pointer: string, root: string): string {
  if (pointer === '') return root;
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

function join(base: string, property: string, root: string): string {
  return base === root ? property : `${base}.${property}`;
}
