import type { Label, LabelChanges, LabelPage, ListQuery, NewLabel } from './label';
import type { Tenant } from './tenant';

/**
 * What a dialect adapter needs from whatever holds the labels: the mock store of the vendor, or
 * (in proxy mode) an upstream reached through another dialect. Adapters never know which.
 *
 * Every method is scoped to the tenant: a label of another tenant is reported as not found.
 * Failures are thrown as GatewayError (not_found, conflict, validation…).
 */
export interface LabelBackend {
  create(tenant: Tenant, input: NewLabel): Promise<Label>;
  list(tenant: Tenant, query: ListQuery): Promise<LabelPage>;
  get(tenant: Tenant, id: string): Promise<Label>;
  update(tenant: Tenant, id: string, changes: LabelChanges): Promise<Label>;
  remove(tenant: Tenant, id: string): Promise<void>;
  assignToConversation(tenant: Tenant, labelId: string, conversationId: string): Promise<void>;
  unassignFromConversation(tenant: Tenant, labelId: string, conversationId: string): Promise<void>;
  labelsOfConversation(tenant: Tenant, conversationId: string): Promise<Label[]>;
}

/** Team membership as each vendor's rules need it (Kirim's auto-resolution, SuperSend's team_id). */
export interface TeamDirectory {
  /**
   * Accepts a team id the client named: registers it in open mode, 404 when unknown in configured mode
   * (naming `field`, default `team_id`).
   */
  ensure(tenant: Tenant, teamId: string, field?: string): Promise<void>;
  /** For reads: 404 when the team is unknown in configured mode; open mode accepts any (reads never write). */
  verify(tenant: Tenant, teamId: string, field?: string): void;
  /**
   * Kirim's rule: an absent team id resolves to the organisation's only team (created when it has
   * none); an organisation with several teams must name one, else a validation error on `field`.
   */
  resolve(tenant: Tenant, teamId: string | undefined, field: string): Promise<string>;
}
