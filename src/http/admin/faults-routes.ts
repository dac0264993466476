import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { FaultDefinitionError } from '../../faults/fault-schema';
import type { FaultRegistry } from '../../faults/fault-registry';

/** Largest fault definition accepted: a fault is a few fields. */
const BODY_LIMIT = '64kb';

/**
 * `/__admin/faults`: arm (POST, one fault per request), list (GET), disarm one (DELETE /{id}) or all
 * (DELETE). Answers are JSON; a bad fault is a 400 naming its field, and nothing is armed.
 */
export function faultsRoutes(registry: FaultRegistry): Router {
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT, strict: false }));

  router.post('/', (req, res) => {
    if (!req.is('application/json')) {
      adminError(res, 415, 'unsupported_media_type', 'Send the fault as JSON (Content-Type: application/json).');
      return;
    }
    try {
      res.status(201).json(registry.add(req.body));
    } catch (error) {
      if (!(error instanceof FaultDefinitionError)) throw error;
      adminError(res, 400, 'validation_error', error.message, error.field || 'body');
    }
  });
  router.get('/', (_req, res) => {
    res.json({ faults: registry.list() });
  });
  router.get('/:id', (req, res) => {
    const fault = registry.get(req.params.id);
    if (fault) res.json(fault);
    else adminError(res, 404, 'not_found', `No fault ${req.params.id} is armed.`);
  });
  router.delete('/', (_req, res) => {
    res.json({ status: 'cleared', removed: registry.clear() });
  });
  router.delete('/:id', (req, res) => {
    if (registry.remove(req.params.id)) res.json({ status: 'removed', id: req.params.id });
    else adminError(res, 404, 'not_found', `No fault ${req.params.id} is armed.`);
  });
  // express.json's own failures (not JSON, too large), as admin errors rather than the last-resort 500.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') adminError(res, 400, 'invalid_json', 'The body is not valid JSON.', 'body');
    else if (type === 'entity.too.large') adminError(res, 413, 'payload_too_large', `A fault must be under ${BODY_LIMIT}.`);
    else next(error);
  });
  return router;
}

function adminError(res: Response, status: number, error: string, message: string, field?: string): void {
  res.status(status).json({ error, message, ...(field !== undefined && { field }) });
}
