import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { renderKirimError } from '../../../adapters/kirim/errors';
import { ERROR_STATUS, GatewayError, type ErrorKind } from '../../../src/core/errors';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = '/kirim/v1/labels';
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('Kirim error envelope over HTTP', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('answers a request without credentials with 401 authentication_error', async () => {
    const res = await gateway.api.get(LABELS).expect(401);
    expect(res.body).toEqual({
      error: {
        type: 'authentication_error',
        code: 'unauthorized',
        message: 'Missing API key: send it in the Authorization header.',
        request_id: expect.stringMatching(REQUEST_ID),
      },
    });
  });

  it('answers a credential without the Bearer scheme with 401 authentication_error', async () => {
    const res = await gateway.api.post(LABELS).set('Authorization', 'tok_raw').send({ name: 'x' }).expect(401);
    expect(res.body.error).toMatchObject({ type: 'authentication_error', code: 'unauthorized' });
  });

  it('answers an unknown path under /kirim with 404 invalid_request_error resource_missing', async () => {
    const res = await gateway.api.get('/kirim/v1/tags').set(auth('tok_any')).expect(404);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
  });

  it('answers an unsupported method with 405 method_not_allowed and an Allow header', async () => {
    const res = await gateway.api.put(`${LABELS}/lbl_01HXYZABCDEFGHJKMNPQRSTVWX`).set(auth('tok_any')).send({ name: 'x' }).expect(405);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'method_not_allowed' });
    expect(res.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
  });

  it('answers malformed JSON with 400 invalid_json on body, and a body that is not JSON with 415', async () => {
    const malformed = await gateway.api.post(LABELS).set(auth('tok_any')).set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(malformed.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json', param: 'body' });
    const text = await gateway.api.post(LABELS).set(auth('tok_any')).set('Content-Type', 'text/plain').send('name=x').expect(415);
    expect(text.body.error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_media_type' });
  });

  it('answers a create without a body with 400 parameter_missing', async () => {
    const res = await gateway.api.post(LABELS).set(auth('tok_any')).expect(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing', param: 'body' });
  });
});

describe('renderKirimError', () => {
  const expectedType = (status: number) =>
    status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';

  it.each(Object.keys(ERROR_STATUS) as ErrorKind[])('renders %s with the type of its status and a snake_case code', (kind) => {
    const rendered = renderKirimError(new GatewayError(kind, 'Something happened.'), 'req_01HXYZABCDEFGHJKMNPQRSTVWX');
    const status = kind === 'conflict' ? 400 : ERROR_STATUS[kind];
    expect(rendered.status).toBe(status);
    expect(rendered.body).toEqual({
      error: { type: expectedType(status), code: expect.stringMatching(/^[a-z][a-z0-9_]*$/), message: 'Something happened.', request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' },
    });
  });

  it.each([
    { situation: 'a missing field', error: new GatewayError('validation', 'name is required.', { field: 'name', reason: 'missing' }), status: 400, code: 'parameter_missing', param: 'name' },
    { situation: 'a bad value', error: new GatewayError('validation', 'name must not be empty.', { field: 'name', reason: 'invalid' }), status: 400, code: 'invalid_field_value', param: 'name' },
    { situation: 'a duplicate name', error: new GatewayError('conflict', 'A label named x already exists in this team.', { field: 'name' }), status: 400, code: 'invalid_field_value', param: 'name' },
    { situation: 'an unknown label', error: new GatewayError('not_found', 'Label not found.'), status: 404, code: 'resource_missing', param: undefined },
    { situation: 'a bad credential', error: new GatewayError('unauthenticated', 'Invalid API key.'), status: 401, code: 'unauthorized', param: undefined },
    { situation: 'a rate limit', error: new GatewayError('rate_limited', 'Slow down.'), status: 429, code: 'rate_limited', param: undefined },
    { situation: 'an internal failure', error: new GatewayError('internal', 'An internal error occurred.'), status: 500, code: 'internal_error', param: undefined },
    { situation: 'an upstream timeout', error: new GatewayError('upstream_timeout', 'Kirim did not answer in time.'), status: 504, code: 'upstream_timeout', param: undefined },
  ])('renders $situation as $status $code, with param only when a field is at fault', ({ error, status, code, param }) => {
    const rendered = renderKirimError(error);
    expect(rendered.status).toBe(status);
    const body = rendered.body as { error: Record<string, unknown> };
    expect(body.error.code).toBe(code);
    expect(body.error.param).toBe(param);
    expect('param' in body.error).toBe(param !== undefined);
    expect(body.error.request_id).toMatch(REQUEST_ID);
  });

  it('passes the Retry-After header of a rate limit on', () => {
    const rendered = renderKirimError(new GatewayError('rate_limited', 'Slow down.', { headers: { 'Retry-After': '2' } }));
    expect(rendered.headers).toEqual({ 'Retry-After': '2' });
  });
});

describe('Kirim with a tenants file', () => {
  let gateway: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kirim-tenants-'));
    const file = path.join(dir, 'tenants.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        tenants: [
          { credential: 'tok_a', organization: 'org-a', teams: ['team_1', 'team_2'] },
          { credential: 'tok_single', organization: 'org-single', teams: ['team_9'] },
        ],
      }),
    );
    gateway = await startTestGateway({ tenants: file });
  });
  afterAll(async () => {
    await gateway.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates in a configured team', async () => {
    const res = await gateway.api.post(LABELS).set(auth('tok_a')).send({ team_id: 'team_2', name: `in two ${randomUUID()}` }).expect(201);
    expect(res.body.data.team_id).toBe('team_2');
  });

  it('answers a team the organisation does not have with 404 resource_missing on team_id, on create and list', async () => {
    const created = await gateway.api.post(LABELS).set(auth('tok_a')).send({ team_id: 'team_3', name: 'nowhere' }).expect(404);
    expect(created.body).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: "Team 'team_3' not found.",
        param: 'team_id',
        request_id: expect.stringMatching(REQUEST_ID),
      },
    });
    const listed = await gateway.api.get(LABELS).query({ team_id: 'team_3' }).set(auth('tok_a')).expect(404);
    expect(listed.body.error).toMatchObject({ code: 'resource_missing', param: 'team_id' });
  });

  it('requires team_id for the two-team organisation', async () => {
    const res = await gateway.api.post(LABELS).set(auth('tok_a')).send({ name: 'which team?' }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_missing', param: 'team_id', message: 'team_id is required: this organization has 2 teams.' });
  });

  it("resolves a single-team organisation's configured team", async () => {
    const res = await gateway.api.post(LABELS).set(auth('tok_single')).send({ name: 'resolved' }).expect(201);
    expect(res.body.data.team_id).toBe('team_9');
  });

  it('answers a credential the file does not list with 401 authentication_error', async () => {
    const res = await gateway.api.get(LABELS).set(auth('tok_unknown')).expect(401);
    expect(res.body).toEqual({
      error: { type: 'authentication_error', code: 'unauthorized', message: 'Invalid API key.', request_id: expect.stringMatching(REQUEST_ID) },
    });
  });
});

describe('Kirim in --documented-only mode', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ documentedOnly: true });
  });
  afterAll(() => gateway.stop());

  it('serves the documented create and answers the inferred operations with the Kirim 404', async () => {
    const created = await gateway.api.post(LABELS).set(auth('tok_documented')).send({ name: 'documented' }).expect(201);
    for (const res of [
      await gateway.api.get(LABELS).set(auth('tok_documented')).expect(404),
      await gateway.api.get(`${LABELS}/${created.body.data.id}`).set(auth('tok_documented')).expect(404),
      await gateway.api.delete(`${LABELS}/${created.body.data.id}`).set(auth('tok_documented')).expect(404),
    ]) {
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    }
  });
});
