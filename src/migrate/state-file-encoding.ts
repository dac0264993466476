// How the migration state file is written often and cheaply (checkpoint.ts): each JSON object's
// members kept encoded, in blocks re-encoded only when one of theirs changes, and the file's bytes
// written with as few system calls as they take.
import fs from 'node:fs';

/** Chunks per writev (Linux's IOV_MAX is 1024). */
const CHUNKS_PER_WRITE = 1024;

/** Writes every chunk, in order, with as few system calls as it takes. */
export function writeAll(fd: number, chunks: Buffer[]): void {
  for (let index = 0; index < chunks.length; ) {
    let written = fs.writevSync(fd, chunks.slice(index, index + CHUNKS_PER_WRITE));
    if (written === 0) throw new Error('the state file could not be written (no bytes written)');
    while (index < chunks.length && written >= chunks[index].length) written -= chunks[index++].length;
    // A chunk written in part: its rest goes first in the next call.
    if (written > 0) chunks[index] = chunks[index].subarray(written);
  }
}

const COMMA = Buffer.from(',');

/** Members per block: a record re-encodes only its own block's members (a few KB). */
const BLOCK_SIZE = 64;

interface MemberBlock {
  /** `"key":value` each; '' where a member was deleted. */
  members: string[];
  /** The non-empty members joined by commas, as UTF-8; dropped when one of them changes. */
  bytes?: Buffer;
}

/**
 * The members of one JSON object, each serialized when it is set, in blocks whose encoded bytes
 * are kept until one of their members changes. A key set again keeps its place, as an object's
 * property does.
 */
export class EncodedMembers {
  private readonly blocks: MemberBlock[] = [];
  private readonly where = new Map<string, { block: MemberBlock; index: number }>();

  set(key: string, value: unknown): void {
    const member = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const at = this.where.get(key);
    if (at) {
      at.block.members[at.index] = member;
      at.block.bytes = undefined;
      return;
    }
    let block = this.blocks[this.blocks.length - 1];
    if (!block || block.members.length >= BLOCK_SIZE) this.blocks.push((block = { members: [] }));
    this.where.set(key, { block, index: block.members.push(member) - 1 });
    block.bytes = undefined;
  }

  delete(key: string): void {
    const at = this.where.get(key);
    if (!at) return;
    this.where.delete(key);
    at.block.members[at.index] = '';
    at.block.bytes = undefined;
  }

  /** Pushes the members' bytes, comma-separated, onto `chunks`. */
  appendTo(chunks: Buffer[]): void {
    let first = true;
    for (const block of this.blocks) {
      block.bytes ??= Buffer.from(block.members.filter((member) => member !== '').join(','));
      if (block.bytes.length === 0) continue;
      if (!first) chunks.push(COMMA);
      chunks.push(block.bytes);
      first = false;
    }
  }
}
