import type { TeamDirectory } from '../core/backend';
import { derivedUuid } from '../core/ids';
import { GatewayError, validationError } from '../core/errors';
import type { TeamRepository } from '../store/team-repository';
import type { TenantRegistry } from '../store/tenant-registry';
import type { Tenant } from './tenant';

/**
 * Teams as the vendors' rules see them. In configured mode the tenants file fixes each
 * organisation's teams; in open mode a team comes into being the first time a client names it.
 */
export class StoreTeamDirectory implements TeamDirectory {
  constructor(
    private readonly teams: TeamRepository,
    private readonly tenants: TenantRegistry,
  ) {}

  async ensure(tenant: Tenant, teamId: string, field = 'team_id'): Promise<void> {
    this.verify(tenant, teamId, field);
    if (tenant.configuredTeams || this.teams.has(tenant.vendor, tenant.orgId, teamId)) return;
    await this.addTeam(tenant, teamId);
  }

  verify(tenant: Tenant, teamId: string, field = 'team_id'): void {
    if (tenant.configuredTeams && !tenant.configuredTeams.includes(teamId)) {
      throw new GatewayError('not_found', `Team '${teamId}' not found.`, { field });
    }
  }

  async resolve(tenant: Tenant, teamId: string | undefined, field: string): Promise<string> {
    if (teamId !== undefined) {
      await this.ensure(tenant, teamId, field);
      return teamId;
    }
    const known = tenant.configuredTeams ?? this.teams.teamsOf(tenant.vendor, tenant.orgId);
    if (known.length === 1) return known[0];
    if (known.length > 1) {
      throw validationError(field, `${field} is required: this organization has ${known.length} teams.`, 'missing');
    }
    if (tenant.configuredTeams) throw validationError(field, 'This organization has no team to put the label in.', 'missing');
    // Derived from the organisation so that concurrent first requests agree on one default team.
    const defaultTeam = `team_${derivedUuid('default-team', tenant.vendor, tenant.orgId).replace(/-/g, '')}`;
    await this.addTeam(tenant, defaultTeam);
    return defaultTeam;
  }

  /** A team is the tenant's first write as much as a label is: its organisation is recorded first. */
  private async addTeam(tenant: Tenant, teamId: string): Promise<void> {
    await this.tenants.record(tenant.vendor, tenant.orgId, tenant.fingerprint);
    await this.teams.add(tenant.vendor, tenant.orgId, teamId);
  }
}
