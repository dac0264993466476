import { Presets, SingleBar } from 'cli-progress';

/** Running totals of a run, as the progress shows them. */
export interface ProgressCounts {
  created: number;
  adopted: number;
  overwritten: number;
  refused: number;
  conflicts: number;
  failed: number;
}

export interface Progress {
  /** One more label settled (`done` of `total` so far). */
  update(done: number, counts: ProgressCounts): void;
  /** A line that must not be torn by the bar (a Retry-After wait, an interruption). */
  notice(line: string): void;
  stop(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const LINE_EVERY = 100;

/**
 * A bar with rate and ETA on a terminal (cli-progress); elsewhere (CI, a pipe, a log file) one
 * line per 100 labels and one at the end, so a log stays readable.
 */
export function startProgress(total: number, stream: ProgressStream): Progress {
  const started = Date.now();
  const rate = (done: number) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? Math.round(done / seconds) : 0;
  };
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        stream: stream as NodeJS.WritableStream,
        format: 'migrating |{bar}| {percentage}% {value}/{total} labels | {rate} labels/s | ETA {eta_formatted} | {summary}',
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0, summary: '' });
    return {
      update: (done, counts) => bar.update(done, { rate: rate(done), summary: shortSummary(counts) }),
      notice: (line) => {
        // cli-progress redraws on its own line: clear it, print, and let the next update redraw.
        stream.write(`\r\x1b[2K${line}\n`);
        bar.render();
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(done, counts) {
      if (done - lastLine < LINE_EVERY && done !== total) return;
      lastLine = done;
      const perSecond = rate(done);
      const eta = done < total && perSecond > 0 ? `, ETA ${Math.ceil((total - done) / perSecond)} s` : '';
      stream.write(`migrate: ${done}/${total} labels (${shortSummary(counts)}), ${perSecond} labels/s${eta}\n`);
    },
    notice: (line) => stream.write(`${line}\n`),
    stop: () => {},
  };
}

function shortSummary(counts: ProgressCounts): string {
  const parts = [`created ${counts.created}`, `adopted ${counts.adopted}`];
  if (counts.overwritten) parts.push(`overwritten ${counts.overwritten}`);
  if (counts.conflicts) parts.push(`conflicts ${counts.conflicts}`);
  parts.push(`refused ${counts.refused}`);
  if (counts.failed) parts.push(`failed ${counts.failed}`);
  return parts.join(', ');
}
