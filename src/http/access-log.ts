import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import { ADMIN_PREFIX } from './admin/prefix';
import { notesOf } from './exchange-notes';
import type { Journal } from './journal';
import type { AccessEntry, Logger } from './logger';

/**
 * Records every exchange: one access line (time, dialect, method, path, status, duration) and a journal
 * entry. The path is kept without its query string and no header is ever kept, so credentials cannot
 * leak into either; the journal names a tenant by its credential's fingerprint only.
 */
export function recordExchanges(logger: Logger, journal: Journal) {
  return function recordExchange(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    const url = req.originalUrl;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const record = () => {
      const notes = notesOf(res);
      const broken = notes.brokenConnection;
      const answered = res.writableFinished && !broken;
      const entry: AccessEntry = {
        at: Date.now(),
        dialect: notes.dialect ?? null,
        route: notes.route ?? 'none',
        method: req.method,
        path,
        status: answered ? res.statusCode : (broken?.status ?? null),
        upstreamStatus: notes.upstreamStatus ?? null,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        networkFault: broken?.fault ?? null,
      };
      if (logger.accessEnabled) logger.access(entry);
      if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) return;
      journal.add({
        ...entry,
        operation: notes.operationId ?? null,
        credentialFingerprint: notes.credentialFingerprint ?? null,
        requestBody: notes.requestBody ?? null,
        responseBody: notes.responseBody ?? null,
        faultId: notes.faultId ?? null,
        nearMiss: notes.nearMiss ?? null,
        violations: notes.violations,
        lostFields: notes.lostFields,
      });
    };
    // `close` comes once for every response: after `finish` for an answer, and alone for a
    // connection a network fault broke or the client closed first, so the journal misses no
    // exchange (one listener, not one for each: a listener costs a visible share of a small request).
    res.once('close', record);
    next();
  };
}
