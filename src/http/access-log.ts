import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';

/**
 * One line per request: time, dialect, method, path, status, duration. The path is logged without
 * its query string and no header is ever logged, so credentials cannot leak into the log.
 */
export function accessLog(logger: Logger) {
  return function logRequest(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
      const dialect = (res.locals.dialect as string | undefined) ?? '-';
      logger.access(`${new Date().toISOString()} ${dialect} ${req.method} ${path} ${res.statusCode} ${milliseconds.toFixed(1)}ms`);
    });
    next();
  };
}
