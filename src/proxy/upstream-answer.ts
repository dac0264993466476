import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';

/** Headers that describe one connection or one encoding of the body, never forwarded (RFC 9110 §7.6.1). */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer', 'transfer-encoding', 'content-length', 'content-encoding']);

/** An upstream answer's body, whole and decompressed: the contract check needs the JSON itself. */
export function readAnswerBody(answer: IncomingMessage): Promise<Buffer> {
  const encoding = answer.headers['content-encoding'];
  const decoder =
    encoding === 'gzip' ? zlib.createGunzip() : encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'deflate' ? zlib.createInflate() : undefined;
  const stream = decoder ? answer.pipe(decoder) : answer;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    stream.on('error', reject);
    if (decoder) answer.on('error', reject);
  });
}

/**
 * The upstream's status and end-to-end headers on the client's response. The body is sent
 * decompressed with its own length, so encoding and length headers are the gateway's to set.
 */
export function copyAnswerHead(answer: IncomingMessage, res: ServerResponse): void {
  res.statusCode = answer.statusCode ?? 502;
  if (answer.statusMessage) res.statusMessage = answer.statusMessage;
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) res.setHeader(name, value);
  }
}
