import fs from 'node:fs';
import { parseArgs } from 'node:util';

/** What both ceiling scripts take: `--port N --body-file FILE` (the JSON body every answer carries). */
export interface CeilingOptions {
  port: number;
  /** The fixed body, exactly as the gateway's get-one answer (compact JSON). */
  body: string;
}

export function readCeilingOptions(argv: string[]): CeilingOptions {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, 'body-file': { type: 'string' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error('--port N is required');
  if (!values['body-file']) throw new Error('--body-file FILE is required');
  return { port, body: fs.readFileSync(values['body-file'], 'utf8') };
}

/** Ceilings answer a POST with 201, as a create does; everything else with 200. */
export const statusFor = (method: string | undefined): number => (method === 'POST' ? 201 : 200);
