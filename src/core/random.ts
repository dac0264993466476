import { createCipheriv, createHash, randomFillSync, randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Everything the mock picks at random, drawn from one source per gateway: ids, request ids, Jasni's
 * palette colour. A gateway started with a random seed gets a seeded source and repeats itself run
 * after run; without one it is as random as the vendors are.
 */
export interface Randomness {
  /** An RFC 4122 version-4 UUID, lower case. */
  uuid(): string;
  /** A 26-character Crockford base32 ULID; each one sorts after the previous one. */
  ulid(): string;
  /** `bytes` random bytes as lower-case hex. */
  hex(bytes: number): string;
  /** A whole number from 0 to `count - 1`, each equally likely (`count` at most 256). */
  index(count: number): number;
}

const POOL_BYTES = 4096;

/**
 * Random bytes handed out from a buffer refilled in blocks: one refill per few hundred ids instead
 * of one call per id (the ulid package's default source asks for one byte per character).
 */
class BytePool {
  private readonly pool = Buffer.alloc(POOL_BYTES);
  private offset = POOL_BYTES;

  constructor(private readonly refill: (pool: Buffer) => void) {}

  take(count: number): Buffer {
    if (this.offset + count > POOL_BYTES) {
      this.refill(this.pool);
      this.offset = 0;
    }
    this.offset += count;
    return this.pool.subarray(this.offset - count, this.offset);
  }

  byte(): number {
    if (this.offset >= POOL_BYTES) {
      this.refill(this.pool);
      this.offset = 0;
    }
    return this.pool[this.offset++];
  }
}

function pooledRandomness(pool: BytePool, uuid: () => string, now: () => number): Randomness {
  const ulid = monotonicFactory(() => pool.byte() / 0x100);
  return {
    uuid,
    ulid: () => ulid(now()),
    hex: (bytes) => pool.take(bytes).toString('hex'),
    index(count) {
      // Rejection sampling: the bytes above the last whole multiple of count would favour small values.
      const limit = 256 - (256 % count);
      let value = pool.byte();
      while (value >= limit) value = pool.byte();
      return value % count;
    },
  };
}

/** The default: cryptographic randomness, Node's own (cached) UUIDs, ULIDs on the wall clock. */
export const cryptoRandomness: Randomness = pooledRandomness(new BytePool((pool) => randomFillSync(pool)), randomUUID, Date.now);

/**
 * A source that gives the same sequence for the same seed: the bytes are the AES-256-CTR keystream
 * under a key hashed from the seed (Node's own cipher, no hand-written generator), and ULIDs take
 * their time part from a virtual clock that starts at 2026-01-01T00:00:00Z and advances one
 * millisecond per ULID, so they stay sortable by creation without depending on when the run happens.
 */
export function seededRandomness(seed: number): Randomness {
  const key = createHash('sha256').update(`label-gateway random seed ${seed}`).digest();
  const keystream = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(POOL_BYTES);
  const pool = new BytePool((buffer) => keystream.update(zeros).copy(buffer));
  let virtualTime = VIRTUAL_EPOCH_MS;
  return pooledRandomness(pool, () => uuidV4From(pool.take(16)), () => virtualTime++);
}

const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

/** Sets the version (4) and variant (10xx) bits, as RFC 4122 requires of a random UUID. */
function uuidV4From(bytes: Buffer): string {
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random seed as the command line and `startGateway` accept it: a whole number, 0 or more. */
export function isRandomSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
