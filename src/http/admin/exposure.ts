import { isIP } from 'node:net';

/** How the admin surface may be reached, decided once at start-up from the bind address and the token. */
export interface AdminAccess {
  /** When set, every admin route but the health probe needs `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * Without a token on a loopback bind, admin requests must name a loopback host too: a web page
   * whose domain is re-bound to 127.0.0.1 (DNS rebinding) then still cannot read the journal.
   */
  loopbackHostsOnly: boolean;
}

export class AdminExposureError extends Error {}

/**
 * The admin API reads the journal (request and response bodies) and resets or arms the mock: on an
 * address others can reach, it needs a token, or an explicit `--admin-open`.
 */
export function decideAdminAccess(options: { host: string; token?: string; open?: boolean }): AdminAccess {
  // A Bearer token is one run of non-space characters; any other could never be presented.
  if (options.token !== undefined && !/^\S+$/.test(options.token)) throw new AdminExposureError('the admin token must be non-empty, without spaces');
  if (options.token) return { token: options.token, loopbackHostsOnly: false };
  if (isLoopbackAddress(options.host)) return { loopbackHostsOnly: true };
  if (options.open) return { loopbackHostsOnly: false };
  throw new AdminExposureError(
    `refusing to listen on ${options.host} without an admin token: anyone who can reach that address could read the request journal ` +
      'and reset the mock. Set --admin-token T (or LABEL_GATEWAY_ADMIN_TOKEN), listen on 127.0.0.1, or pass --admin-open to accept the risk.',
  );
}

/** A bind address that only this machine can reach. */
export function isLoopbackAddress(host: string): boolean {
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (address.toLowerCase() === 'localhost') return true;
  if (isIP(address) === 4) return address.startsWith('127.');
  if (isIP(address) === 6) return address === '::1' || address.toLowerCase().startsWith('::ffff:127.');
  return false;
}

/** A `Host` header naming this machine: `localhost`, `*.localhost` (RFC 6761), 127.x.x.x or [::1], with any port. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.replace(/:\d+$/, '');
  const lower = name.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost') || isLoopbackAddress(lower);
}
