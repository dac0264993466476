import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import { ADMIN_PREFIX } from './admin/prefix';
import { notesOf } from './exchange-notes';
import type { Journal } from './journal';
import type { Logger } from './logger';

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
      const at = Date.now();
      const dialect = notes.dialect ?? null;
      const route = notes.route ?? 'none';
      const method = req.method;
      const status = answered ? res.statusCode : (broken?.status ?? null);
      const upstreamStatus = notes.upstreamStatus ?? null;
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const networkFault = broken?.fault ?? null;
      if (logger.accessEnabled) logger.access({ at, dialect, route, method, path, status, upstreamStatus, durationMs, networkFault });
      if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) return;
      // Built whole here (not spread from the access entry): the journal copies it once more to number it.
      journal.add({
        at,
        dialect,
        route,
        method,
        path,
        status,
        upstreamStatus,
        durationMs,
        networkFault,
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
    // exchange (one listener, not one for each: a listener costs a visible share of a small request;
    // `on`, not `once`, which would wrap it in one more function per exchange).
    res.on('close', record);
    next();
  };
}
