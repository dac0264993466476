import type { DialectResponse } from '../../core/adapter';
import type { Logger } from '../logger';
import { checkResponse } from '../response-contract';
import type { VendorExchange } from './exchange';

/**
 * Stage 7, response check: the answer against the operation's documented response for its status,
 * failures included. A finding is noted (header, log, journal), never hidden and never fatal.
 */
export function checkAnswer(exchange: VendorExchange, response: DialectResponse, logger: Logger): void {
  const { operation } = exchange;
  if (!operation) return;
  const violations = checkResponse(operation, response.status, response.body);
  if (violations.length === 0) return;
  exchange.notes.violations.push(...violations);
  logger.warn(`contract: ${exchange.dialect} ${operation.operationId} ${response.status}: ${violations[0].message}`);
}
