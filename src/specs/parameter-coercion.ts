/**
 * Path and query parameters arrive as text; a schema that says `integer`, `number` or `boolean`
 * needs a value of that type. ajv's `coerceTypes` is not used for this: it converts whatever
 * JavaScript's `Number()` converts, so `Infinity`, `1e400` (also Infinity), `-Infinity`, `0x10`,
 * `1e2`, `" 5"` and `5.0` all became "integers" (Infinity even passed `maximum`, and answered
 * `"limit": null`). Here each type has one written form, the one the OpenAPI `form` style
 * produces and every vendor page shows:
 *
 * - integer: decimal digits with an optional leading `-` (`10`, `-3`, `007`); `-0` is 0. Its value
 *   must be a safe integer: the compiled schema adds that bound where the spec's is wider, so
 *   `99999999999999999999` is "must be at most 9007199254740991", not a rounded number;
 * - number: the same, with an optional fraction (`2.5`), never an exponent, `Infinity` or `NaN`;
 * - boolean: `true` or `false`, lower case, as in JSON.
 *
 * Any other text (a sign `+`, spaces, hex, an exponent, an empty value) is left as text, so the
 * schema check refuses it with the same message as `abc`: "limit must be an integer."
 */
export type ParameterKind = 'integer' | 'number' | 'boolean';

/** The parameters of one location (path or query) that need converting, by name. */
export type ParameterCoercions = ReadonlyMap<string, ParameterKind>;

const INTEGER_TEXT = /^-?[0-9]+$/;
const NUMBER_TEXT = /^-?[0-9]+(?:\.[0-9]+)?$/;

/** The kind a parameter schema asks for, if its value must be converted from text. */
export function parameterKindOf(schema: Record<string, unknown>): ParameterKind | undefined {
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  return undefined;
}

/**
 * The schema the gateway checks an integer parameter against: the spec's, bounded to the integers a
 * JavaScript number holds exactly (where the spec sets no tighter bound).
 */
export function boundedParameterSchema(schema: Record<string, unknown>): Record<string, unknown> {
  if (parameterKindOf(schema) !== 'integer') return schema;
  const { minimum, maximum } = schema as { minimum?: unknown; maximum?: unknown };
  return {
    ...schema,
    minimum: typeof minimum === 'number' && minimum >= -Number.MAX_SAFE_INTEGER ? minimum : -Number.MAX_SAFE_INTEGER,
    maximum: typeof maximum === 'number' && maximum <= Number.MAX_SAFE_INTEGER ? maximum : Number.MAX_SAFE_INTEGER,
  };
}

/** Converts, in place, each value written in its kind's form; anything else is left for the schema to refuse. */
export function coerceParameters(coercions: ParameterCoercions, values: Record<string, unknown>): void {
  for (const [name, kind] of coercions) {
    const text = values[name];
    if (typeof text !== 'string') continue; // absent, or repeated (an array): the schema says what is wrong
    const value = parseParameterText(kind, text);
    if (value !== undefined) values[name] = value;
  }
}

/** The value `text` stands for in `kind`'s written form, or undefined when it is not written that way. */
export function parseParameterText(kind: ParameterKind, text: string): number | boolean | undefined {
  switch (kind) {
    case 'integer': {
      if (!INTEGER_TEXT.test(text)) return undefined;
      const value = Number(text) + 0; // + 0 turns -0 into 0
      // Past the safe range the bounded schema refuses it ("must be at most …"); 309 digits or more
      // are Infinity, which would fail as "not an integer" instead, so they are brought just past it.
      return Math.abs(value) > Number.MAX_SAFE_INTEGER ? Math.sign(value) * (Number.MAX_SAFE_INTEGER + 1) : value;
    }
    case 'number': {
      if (!NUMBER_TEXT.test(text)) return undefined;
      const value = Number(text) + 0;
      return Number.isFinite(value) ? value : undefined; // 400 digits are Infinity
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
  }
}
