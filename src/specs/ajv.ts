import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isRfc3339DateTime } from './date-time-format';

/**
 * OpenAPI keywords that are not JSON Schema validation keywords. Declaring them keeps ajv in strict
 * mode, so a misspelt keyword (`maxLenght`, `type: strin`) still stops start-up.
 */
const ANNOTATION_KEYWORDS = ['x-source', 'x-trim', 'x-error-message', 'x-note', 'example', 'discriminator', 'xml', 'externalDocs'];

/** The validator for bodies and responses: exact types, no coercion, no defaults written into data. */
export function createBodyAjv(): Ajv2020 {
  return withVocabulary(new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, verbose: true }));
}

/**
 * The validator for path and query parameters. They arrive as text and are converted beforehand by
 * parameter-coercion.ts, never by ajv's `coerceTypes` (which takes `Infinity` or `0x10` for an
 * integer); defaults are filled in.
 */
export function createParameterAjv(): Ajv2020 {
  return withVocabulary(new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, verbose: true, useDefaults: true }));
}

function withVocabulary(ajv: Ajv2020): Ajv2020 {
  addFormats(ajv);
  // The same answers as ajv-formats' date-time, without its garbage (see date-time-format.ts).
  ajv.addFormat('date-time', { type: 'string', validate: isRfc3339DateTime });
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  return ajv;
}
