// Kept apart from the middleware (cors.ts): the settings are part of the public options, and their
// declarations must not pull Express's types into a consumer's compilation.

/** CORS for browser apps calling the mocked APIs (`--cors`, `cors` in the config, or startGateway's `cors`). */
export interface CorsSettings {
  /** Origins allowed to call, e.g. `https://app.example`; `*` (the default) allows any. */
  origins?: string[];
  /**
   * Also answer for dialects served by an upstream (pass-through or translation). Off by default:
   * the real vendor decides whether a browser may call it, and a mock that allows more than the vendor
   * would hide that until production.
   */
  proxied?: boolean;
}

/** `*`, or a scheme, host and optional port with nothing after them (what a browser sends as `Origin`). */
export const ORIGIN_PATTERN = '^(\\*|https?://[^/\\s?#]+)$';
const ORIGIN = new RegExp(ORIGIN_PATTERN);

export class CorsSettingsError extends Error {
  override name = 'CorsSettingsError';
}

/** `true` or a settings object as given by a caller, checked; `undefined` when CORS is off. */
export function corsSettingsOf(value: boolean | CorsSettings | undefined, where: string): Required<CorsSettings> | undefined {
  if (value === undefined || value === false) return undefined;
  const settings = value === true ? {} : value;
  const origins = settings.origins ?? ['*'];
  if (origins.length === 0) throw new CorsSettingsError(`${where}: cors.origins is empty (leave it out to allow any origin)`);
  const wrong = origins.find((origin) => !ORIGIN.test(origin));
  if (wrong !== undefined) throw new CorsSettingsError(`${where}: "${wrong}" is not an origin (expected * or e.g. https://app.example, without a path)`);
  return { origins, proxied: settings.proxied ?? false };
}
