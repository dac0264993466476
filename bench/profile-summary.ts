import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `node dist/bench/profile-summary.js FILE.cpuprofile [--top N]`: where a `node --cpu-prof` profile
 * (e.g. from `npm run bench -- --cpu-prof`) spends its time. Prints the top functions by self time
 * and, for our own code (src/, adapters/), by inclusive time, each with the code it belongs to.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type Origin = 'ours' | 'dependency' | 'node' | 'vm';

function originOf(frame: CallFrame): { origin: Origin; owner: string } {
  const { url } = frame;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return { origin: 'dependency', owner: dependency[1] };
  const ours = /\/dist\/((?:src|adapters|bench)\/.*)$/.exec(url);
  if (ours) return { origin: 'ours', owner: ours[1].split('/').slice(0, 2).join('/') };
  if (url.startsWith('node:') || url.startsWith('internal/')) return { origin: 'node', owner: url.replace(/^node:/, '').split('/')[0] };
  return { origin: 'vm', owner: frame.functionName || '(anonymous)' };
}

function keyOf(frame: CallFrame): string {
  const file = frame.url ? frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/') : '';
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

function summarise(profile: CpuProfile, top: number, window: { fromMs: number; untilMs: number }): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let clock = 0;
  profile.samples.forEach((sample, index) => {
    clock += (profile.timeDeltas[index] ?? 0) / 1000;
    if (clock < window.fromMs || clock > window.untilMs) return;
    // Each sample stands for the time until the next one.
    const delta = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(sample);
    if (!node) return;
    total += delta;
    if (node.callFrame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + delta);
    const { origin, owner } = originOf(node.callFrame);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + delta);
    byOwner.set(`${origin} ${owner}`, (byOwner.get(`${origin} ${owner}`) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame || originOf(frame).origin !== 'ours') continue;
      const frameKey = keyOf(frame);
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      inclusive.set(frameKey, (inclusive.get(frameKey) ?? 0) + delta);
    }
  });
  const busy = total - idle;
  const share = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
  const table = (entries: Map<string, number>, count: number) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${share(ms)}  ${key}`);
  const originTag = new Map<string, string>();
  for (const node of profile.nodes) {
    const { origin, owner } = originOf(node.callFrame);
    originTag.set(keyOf(node.callFrame), origin === 'ours' ? '[ours] ' : origin === 'dependency' ? `[${owner}] ` : `[${origin}] `);
  }
  return [
    `profile: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy, ${(idle / 1000).toFixed(1)} s idle; shares below are of the busy time`,
    '',
    'busy time by origin',
    ...table(byOrigin, 10),
    '',
    'busy time by owner (package, or our folder)',
    ...table(byOwner, 15),
    '',
    `top ${top} functions by self time`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${share(ms)}  ${originTag.get(key) ?? ''}${key}`),
    '',
    'our code (src/, adapters/) by inclusive time',
    ...table(inclusive, top),
  ].join('\n');
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { top: { type: 'string' }, skip: { type: 'string' }, until: { type: 'string' } } });
  const [file] = positionals;
  const top = Number(values.top ?? 25);
  const skipSeconds = Number(values.skip ?? 0);
  const untilSeconds = Number(values.until ?? Infinity);
  if (!file || !Number.isInteger(top) || top <= 0 || !(skipSeconds >= 0) || !(untilSeconds > skipSeconds)) {
    process.stderr.write('usage: node dist/bench/profile-summary.js FILE.cpuprofile [--top N] [--skip SECONDS] [--until SECONDS]\n');
    return 2;
  }
  const profile = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')) as CpuProfile;
  process.stdout.write(`${summarise(profile, top, { fromMs: skipSeconds * 1000, untilMs: untilSeconds * 1000 })}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
