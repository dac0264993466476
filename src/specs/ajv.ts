import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isRfc3339DateTime } from './date-time-format';

/**
 * OpenAPI keywords that are not JSON Schema validation keywords. Declaring them keeps ajv in strict
 * mode, so a misspelt keyword (`maxLenght`, `type: strin`) still stops start-up.
 */
const ANNOTATION_KEYWORDS = ['x-source', 'x-trim', 'x-error-message', 'x-note', 'example', 'discriminator', 'xml', 'externalDocs'];

/**
 * Whether each schema compiled is first checked against JSON Schema's meta-schema (ajv's
 * `validateSchema`). On by default; off only for schemas that passed it when their document was
 * listed as checked (checked-documents.ts): an instance's first check compiles the meta-schema,
 * ~90 ms here. Strict mode (unknown keywords, `type: strin`) applies either way.
 */
export interface AjvOptions {
  validateSchema?: boolean;
}

/** The validator for bodies and responses: exact types, no coercion, no defaults written into data. */
export function createBodyAjv({ validateSchema = true }: AjvOptions = {}): Ajv2020 {
  return withVocabulary(new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, verbose: true, validateSchema }));
}

/**
 * The validator for path and query parameters. They arrive as text and are converted beforehand by
 * parameter-coercion.ts, never by ajv's `coerceTypes` (which takes `Infinity` or `0x10` for an
 * integer); defaults are filled in.
 */
export function createParameterAjv({ validateSchema = true }: AjvOptions = {}): Ajv2020 {
  return withVocabulary(new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, verbose: true, useDefaults: true, validateSchema }));
}

function withVocabulary(ajv: Ajv2020): Ajv2020 {
  addFormats(ajv);
  // The same answers as ajv-formats' date-time, without its garbage (see date-time-format.ts).
  ajv.addFormat('date-time', { type: 'string', validate: isRfc3339DateTime });
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  return ajv;
}
