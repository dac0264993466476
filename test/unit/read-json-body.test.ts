import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { isGatewayError } from '../../src/core/errors';
import { notesOf } from '../../src/http/exchange-notes';
import { createJsonBodyReader } from '../../src/http/read-json-body';

/**
 * The JSON body reader reads the usual request (plain application/json, a Content-Length, not
 * compressed) itself and leaves every other one to body-parser. The same bytes must give the same
 * answer either way: each case below is sent once as `application/json` (the direct read) and once
 * as `application/json; charset="utf-8"` (a spelling only body-parser takes, with the same meaning).
 */
const LIMIT = 1024;
let server: http.Server;
let url: string;

beforeAll(async () => {
  const read = createJsonBodyReader(LIMIT);
  const app = express();
  app.post('/', async (req, res) => {
    try {
      const body = await read(req, res);
      const captured = notesOf(res).requestBody;
      res.json({ body: body === undefined ? '(none)' : body, captured: captured ? captured.bytes.toString('base64') : null });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      res.status(error.status).json({ kind: error.kind, message: error.message, field: error.field ?? null });
    }
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function send(contentType: string, bytes: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: bytes });
  return { status: answer.status, json: await answer.json() };
}

const DIRECT = 'application/json';
const BODY_PARSER = 'application/json; charset="utf-8"';

describe('JSON body reader: the direct read answers as body-parser does', () => {
  const cases: Array<[string, Buffer]> = [
    ['an object', Buffer.from('{"name":"VIP","color":"blue"}')],
    ['an array', Buffer.from('[1,2]')],
    ['leading whitespace', Buffer.from(' \r\n\t{"a":1}')],
    ['a byte order mark', Buffer.from('\ufeff{"a":"é"}')],
    ['only a byte order mark', Buffer.from('\ufeff')],
    ['whitespace only', Buffer.from('   ')],
    ['a bare string', Buffer.from('"name"')],
    ['null', Buffer.from('null')],
    ['malformed JSON', Buffer.from('{"name": "x",')],
    ['a __proto__ key', Buffer.from('{"__proto__":{"polluted":true},"a":1}')],
    ['invalid UTF-8 in a string', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d])],
    ['non-ASCII text', Buffer.from('{"name":"Ärger 🚀"}')],
    ['exactly the limit', Buffer.from(`{"p":"${'x'.repeat(LIMIT - 8)}"}`)],
    ['over the limit', Buffer.from(`{"p":"${'x'.repeat(LIMIT)}"}`)],
  ];

  it.each(cases)('%s', async (_name, bytes) => {
    const direct = await send(DIRECT, bytes);
    const viaBodyParser = await send(BODY_PARSER, bytes);
    expect(direct).toEqual(viaBodyParser);
  });

  it('takes charset=utf-8 in any letter case, and still refuses what is not JSON', async () => {
    const bytes = Buffer.from('{"a":1}');
    expect(await send('Application/JSON; Charset=UTF-8', bytes)).toEqual(await send(BODY_PARSER, bytes));
    expect((await send('text/plain', bytes)).status).toBe(415);
  });

  it('leaves a compressed body to body-parser', async () => {
    const { gzipSync } = await import('node:zlib');
    const answer = await send(DIRECT, gzipSync('{"a":1}'), { 'content-encoding': 'gzip' });
    // body-parser shows `verify` (the journal's capture) the inflated bytes.
    expect(answer).toEqual({ status: 200, json: { body: { a: 1 }, captured: Buffer.from('{"a":1}').toString('base64') } });
  });
});
