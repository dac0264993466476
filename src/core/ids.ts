import { createHash } from 'node:crypto';

/**
 * A UUID derived from a secret and a purpose, so open-mode tenants keep the same organisation across
 * restarts without the credential itself ever being stored. Formatted as a version-5-style UUID.
 * Random ids come from a gateway's `Randomness` (core/random.ts).
 */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
