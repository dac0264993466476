/** One event of a text/event-stream. */
export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * One block of a text/event-stream (the text between two blank lines), per the HTML spec's simple
 * cases: `id:`, `event:`, `data:` lines and `:` comments; undefined for a block with no data (a
 * comment, a keep-alive). Shared by the bench's live stream and the tests' event-stream client.
 */
export function parseEventBlock(block: string): ServerSentEvent | undefined {
  const event: ServerSentEvent = { event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  event.data = data.join('\n');
  return event;
}
