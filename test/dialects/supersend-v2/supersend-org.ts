import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { SuperSendLabel } from '../../../adapters/supersend-v2/mappers';
import { expectLikeDocumented, fillIn, type DocumentedExample } from '../../support/fixtures';
import type { TestGateway } from '../../support/test-gateway';

/** Shared by the SuperSend v1 and v2 suites: both dialects speak to one store. */
export const V1_LABELS = '/supersend/v1/labels';
export const V2_LABELS = '/supersend/v2/labels';
export const V1_CONVERSATION = '/supersend/v1/labels/conversation';

export const newTeamId = (): string => randomUUID();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Timestamps have second precision: waiting this long guarantees a later one. */
export const NEXT_SECOND_MS = 1100;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A fresh organisation (in open mode every credential is its own), with short-hands for the calls
 * the SuperSend suites repeat. Every request goes through the contract-checking client.
 */
export class SuperSendOrg {
  readonly auth: Record<string, string>;

  constructor(
    private readonly gateway: TestGateway,
    purpose: string,
  ) {
    this.auth = { Authorization: `Bearer supersend-${purpose}-${randomUUID()}` };
  }

  call(method: Method, path: string): request.Test {
    return this.gateway.api[method](path).set(this.auth);
  }

  async v1Create(name: string, color = '#4CAF50'): Promise<SuperSendLabel> {
    const res = await this.call('post', V1_LABELS).send({ name, color }).expect(201);
    return res.body.data;
  }

  async v2Create(name: string, teamId: string, color = '#4CAF50'): Promise<SuperSendLabel> {
    const res = await this.call('post', V2_LABELS).send({ name, color, team_id: teamId }).expect(201);
    return res.body.data;
  }

  async v1List(search?: string): Promise<SuperSendLabel[]> {
    const res = await this.call('get', V1_LABELS).query(search === undefined ? {} : { search }).expect(200);
    return res.body.data;
  }

  async v2List(teamId: string, extra: Record<string, string | number> = {}): Promise<SuperSendLabel[]> {
    const res = await this.call('get', V2_LABELS).query({ team_id: teamId, ...extra }).expect(200);
    return res.body.data;
  }

  async v1Names(search?: string): Promise<string[]> {
    return (await this.v1List(search)).map((label) => label.name);
  }

  async v2Names(teamId: string, extra: Record<string, string | number> = {}): Promise<string[]> {
    return (await this.v2List(teamId, extra)).map((label) => label.name);
  }

  async v1Delete(id: string): Promise<void> {
    await this.call('delete', `${V1_LABELS}/${id}`).expect(200);
  }

  async assign(labelId: string, conversationId: string): Promise<void> {
    await this.call('post', V1_CONVERSATION).send({ label_id: labelId, conversation_id: conversationId }).expect(200);
  }

  async conversationLabelIds(conversationId: string): Promise<string[]> {
    const res = await this.call('get', V1_CONVERSATION).query({ conversation_id: conversationId }).expect(200);
    return res.body.data.map((label: SuperSendLabel) => label.id);
  }
}

/** The key that pairs a documented example with the setup that prepares its data. */
export const exampleKey = (example: DocumentedExample): string => `${example.request.method} ${example.request.path}`;

/**
 * Sends a documented example's request (its path is the vendor's own, served under `/supersend`)
 * with the variables filled in, and asserts the documented status and body shape.
 */
export async function replayExample(org: SuperSendOrg, example: DocumentedExample, variables: Record<string, string>): Promise<void> {
  const filled = fillIn(example, variables);
  const { method, path, query, body } = filled.request;
  let pending = org.call(method.toLowerCase() as Method, `/supersend${path}`);
  if (query) pending = pending.query(query);
  if (body !== undefined) pending = pending.send(body as object);
  const res = await pending.expect(filled.response.status);
  expectLikeDocumented(res.body, filled.response.body, filled.dynamic);
}
