import type { Request, Response } from 'express';
import { toExchange, type Journal } from '../journal';
import { AdminInputError, sendInputError } from './admin-errors';
import { parseJournalQuery, type JournalQuery } from './journal-filter';
import { adminRouter, type AdminRouteList } from './route-list';

export const JOURNAL_ROUTES = {
  'GET /requests': 'recorded exchanges, newest first: journal filters, limit (default 50)',
  'GET /requests/count': '{ "count": N } of the exchanges the journal filters select',
  'DELETE /requests': 'forgets the exchanges the journal filters select (all without filters)',
} as const satisfies AdminRouteList;

export interface JournalRouteDependencies {
  journal: Journal;
  /** Every operationId the specs define, to refuse a misspelt `operation` filter. */
  operations: ReadonlySet<string>;
}

export function journalRoutes(deps: JournalRouteDependencies) {
  const selection = (req: Request, res: Response, takesLimit: boolean): JournalQuery | undefined => {
    try {
      return parseJournalQuery(req.query as Record<string, unknown>, { operations: deps.operations, takesLimit });
    } catch (error) {
      if (!(error instanceof AdminInputError)) throw error;
      sendInputError(res, error);
      return undefined;
    }
  };
  return adminRouter(JOURNAL_ROUTES, {
    'GET /requests': (req, res) => {
      const query = selection(req, res, true);
      if (query) res.json({ requests: deps.journal.find(query.matches, query.limit).map(toExchange) });
    },
    'GET /requests/count': (req, res) => {
      const query = selection(req, res, false);
      if (query) res.json({ count: deps.journal.count(query.matches) });
    },
    'DELETE /requests': (req, res) => {
      const query = selection(req, res, false);
      if (query) res.json({ status: 'cleared', forgotten: deps.journal.forget(query.matches) });
    },
  });
}
