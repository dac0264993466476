import { createBodyAjv } from '../../src/specs/ajv';
import { describeAjvError } from '../../src/specs/describe-error';

const ajv = createBodyAjv();
const validate = ajv.compile({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    options: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' } } } },
    organizationUUID: { not: {}, 'x-error-message': 'organizationUUID must not be supplied in the body.' },
  },
});

function problemOf(data: unknown) {
  expect(validate(data)).toBe(false);
  return describeAjvError(validate.errors![0], 'body');
}

describe('describeAjvError', () => {
  it('names a missing field', () => {
    expect(problemOf({})).toEqual({ field: 'name', message: 'name is required.', missing: true });
  });

  it('names an unknown field', () => {
    expect(problemOf({ name: 'a', colour: 'red' })).toMatchObject({ field: 'colour', message: 'colour is not a recognised field.' });
  });

  it('names a nested field with its position', () => {
    expect(problemOf({ name: 'a', options: [{ value: 1 }] })).toMatchObject({ field: 'options[0].value', message: 'options[0].value must be a string.' });
  });

  it('states length limits', () => {
    expect(problemOf({ name: 'abcdef' }).message).toBe('name must be at most 5 characters.');
    expect(problemOf({ name: '' }).message).toBe('name must not be empty.');
  });

  it('uses the message the spec gives with x-error-message', () => {
    expect(problemOf({ name: 'a', organizationUUID: 'x' }).message).toBe('organizationUUID must not be supplied in the body.');
  });

  it('describes a body of the wrong type', () => {
    expect(problemOf([])).toMatchObject({ field: 'body', message: 'body must be an object.' });
  });
});
