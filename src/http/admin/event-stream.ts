import { toExchange, type Journal, type JournalEntry } from '../journal';

/** Where one stream writes: an HTTP response, in practice. */
export interface EventSink {
  /** False once the sink buffers more than it wants: wait for `drain` before writing more. */
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  end(): unknown;
}

export interface EventStreamLimits {
  /** A comment line this often, so idle proxies and clients keep the connection. */
  keepAliveMs: number;
  /** Exchanges waiting for one slow client; past this they are dropped and the client told how many. */
  maxQueued: number;
}

export const DEFAULT_EVENT_STREAM_LIMITS: EventStreamLimits = { keepAliveMs: 15_000, maxQueued: 256 };

/**
 * Fans finished exchanges out to Server-Sent Events streams (`GET /__admin/events`). The journal calls
 * in synchronously as a response finishes, so a stream only queues a reference there; serialising and
 * writing happen on a later turn of the event loop, and a client that reads too slowly loses events
 * (and is told so) rather than making the gateway buffer without bound.
 */
export class ExchangeEvents {
  private readonly streams = new Set<ExchangeStream>();
  private unsubscribe?: () => void;
  private stopped = false;

  constructor(
    private readonly journal: Journal,
    private readonly limits: EventStreamLimits = DEFAULT_EVENT_STREAM_LIMITS,
  ) {}

  /** Starts a stream on `sink`: first `backlog` (a resumed or `since` stream), then each new exchange `matches` keeps. */
  open(sink: EventSink, matches: (entry: JournalEntry) => boolean, backlog: readonly JournalEntry[]): ExchangeStream {
    const stream = new ExchangeStream(sink, matches, this.limits, () => this.detach(stream));
    if (this.stopped) {
      stream.end(); // a request that slipped in while the gateway stops
      return stream;
    }
    this.streams.add(stream);
    // Subscribed only while someone listens: without a client the journal has no listener to call.
    this.unsubscribe ??= this.journal.subscribe((entry) => {
      for (const open of this.streams) open.offer(entry);
    });
    for (const entry of backlog) stream.offer(entry);
    return stream;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Ends every stream, and any opened later (the gateway is stopping: open responses would keep the server from closing). */
  closeAll(): void {
    this.stopped = true;
    for (const stream of [...this.streams]) stream.end();
  }

  private detach(stream: ExchangeStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = undefined;
    }
  }
}

type Queued = JournalEntry | { dropped: number };

/** One client's stream: a bounded queue in front of its socket. */
export class ExchangeStream {
  private readonly queue: Queued[] = [];
  private queuedEntries = 0;
  private blocked = false;
  private scheduled = false;
  private closed = false;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly sink: EventSink,
    private readonly matches: (entry: JournalEntry) => boolean,
    private readonly limits: EventStreamLimits,
    private readonly onClose: () => void,
  ) {
    this.keepAlive = setInterval(() => {
      if (!this.blocked) this.write(': keep-alive\n\n');
    }, limits.keepAliveMs);
    this.keepAlive.unref();
  }

  offer(entry: JournalEntry): void {
    if (this.closed || !this.matches(entry)) return;
    if (this.queuedEntries >= this.limits.maxQueued) {
      const last = this.queue[this.queue.length - 1];
      if (last && 'dropped' in last) last.dropped++;
      else this.queue.push({ dropped: 1 });
    } else {
      this.queue.push(entry);
      this.queuedEntries++;
    }
    this.schedule();
  }

  /** The client went away: stop everything, keep nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    this.queue.length = 0;
    this.onClose();
  }

  end(): void {
    this.close();
    this.sink.end();
  }

  private schedule(): void {
    if (this.scheduled || this.blocked) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && !this.blocked && !this.closed) {
      const item = this.queue.shift()!;
      if (!('dropped' in item)) this.queuedEntries--;
      this.write('dropped' in item ? droppedEvent(item.dropped) : exchangeEvent(item));
    }
  }

  private write(chunk: string): void {
    if (this.closed || this.sink.write(chunk)) return;
    this.blocked = true;
    this.sink.once('drain', () => {
      this.blocked = false;
      this.flush();
    });
  }
}

/** Serialised once per entry, however many streams send it. */
const serialised = new WeakMap<JournalEntry, string>();

function exchangeEvent(entry: JournalEntry): string {
  let event = serialised.get(entry);
  if (event === undefined) {
    // JSON has no raw line breaks, so the whole exchange is one `data:` line.
    event = `id: ${entry.id}\ndata: ${JSON.stringify(toExchange(entry))}\n\n`;
    serialised.set(entry, event);
  }
  return event;
}

function droppedEvent(dropped: number): string {
  const message = `${dropped} exchange${dropped === 1 ? ' was' : 's were'} not sent: this client read too slowly. GET /__admin/requests has them while the journal keeps them.`;
  return `event: dropped\ndata: ${JSON.stringify({ dropped, message })}\n\n`;
}
