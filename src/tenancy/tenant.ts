/** The tenant is a core notion (adapters and backends take one); kept here so existing imports still work. */
export type { Tenant } from '../core/tenant';
