import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Cryptographic random bytes drawn from a pool refilled in blocks: one system call per few hundred
 * ids instead of one per id (the ulid package's default source asks for one byte per character).
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomBytesFromPool(count: number): Buffer {
  if (poolOffset + count > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += count;
  return pool.subarray(poolOffset - count, poolOffset);
}

/** The PRNG shape the ulid package takes: a float in [0, 1). */
const pooledPrng = (): number => randomBytesFromPool(1)[0] / 0x100;

const ulid = monotonicFactory(pooledPrng);

/** A random RFC 4122 v4 UUID (Attention, SuperSend and Jasni label ids). */
export const newUuid = (): string => randomUUID();

/** A 26-character Crockford base32 ULID, sortable by creation time (Kirim ids, after their prefix). */
export const newUlid = (): string => ulid();

/** `req_` + 24 lower-case hex characters, as SuperSend's examples show. */
export const newHexRequestId = (): string => 'req_' + randomBytesFromPool(12).toString('hex');

/**
 * A UUID derived from a secret and a purpose, so open-mode tenants keep the same organisation across
 * restarts without the credential itself ever being stored. Formatted as a version-5-style UUID.
 */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
