import { responseValidator, type CompiledOperation } from '../specs/compiled-operation';

export interface ContractViolation {
  where: 'request' | 'response';
  path: string;
  message: string;
}

/** Response header that carries contract findings (JSON), as Prism's `sl-violations` does. */
export const VIOLATIONS_HEADER = 'x-label-gateway-violations';
const MAX_HEADER_LENGTH = 2048;

/** Checks a response body against the operation's documented response for its status. */
export function checkResponse(operation: CompiledOperation, status: number, body: unknown): ContractViolation[] {
  const validate = responseValidator(operation, status);
  if (!validate) return [{ where: 'response', path: '', message: `status ${status} is not documented for ${operation.operationId}` }];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => ({
    where: 'response',
    path: error.instancePath,
    message: `${error.instancePath || 'body'} ${error.message ?? 'is not valid'}`,
  }));
}

/** The findings as a header value, cut to a bounded size so a bad response cannot blow up headers. */
export function violationsHeaderValue(violations: ContractViolation[]): string {
  const kept: ContractViolation[] = [];
  for (const violation of violations) {
    if (JSON.stringify([...kept, violation]).length > MAX_HEADER_LENGTH) break;
    kept.push(violation);
  }
  return JSON.stringify(kept);
}
