/**
 * OpenAPI runtime expressions, as a stateful tester evaluates a link: `$response.body#/data/id`,
 * `$request.body#/conversation_id`, `$request.body`. A value that is not an expression is a constant;
 * objects and arrays are evaluated member by member (Schemathesis does the same for `requestBody`).
 * An expression that resolves to nothing throws, so a link that names a missing field fails its test.
 */
export interface EvaluatedExchange {
  requestBody: unknown;
  responseBody: unknown;
}

const BODY_EXPRESSION = /^\$(request|response)\.body(?:#(\/.*))?$/;

export function evaluateRuntimeExpression(value: unknown, exchange: EvaluatedExchange): unknown {
  if (typeof value === 'string') return evaluateString(value, exchange);
  if (Array.isArray(value)) return value.map((item) => evaluateRuntimeExpression(item, exchange));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateRuntimeExpression(item, exchange)]));
  }
  return value;
}

function evaluateString(value: string, exchange: EvaluatedExchange): unknown {
  if (!value.startsWith('$')) return value;
  const match = BODY_EXPRESSION.exec(value);
  if (!match) throw new Error(`Unsupported runtime expression ${value}`);
  const body = match[1] === 'request' ? exchange.requestBody : exchange.responseBody;
  if (match[2] === undefined) return body;
  const found = resolvePointer(body, match[2]);
  if (found === undefined) throw new Error(`${value} resolves to nothing in ${JSON.stringify(body)}`);
  return found;
}

/** RFC 6901: `/data/label/id`, with `~1` for `/` and `~0` for `~`. */
function resolvePointer(document: unknown, pointer: string): unknown {
  let current = document;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
