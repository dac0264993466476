import fs from 'node:fs';

/** Clock ticks per second of /proc's CPU counters (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** /proc/<pid>/stat after the command name (which may hold spaces, hence the last ')'); undefined once it is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

/**
 * CPU seconds of a PostgreSQL server: its postmaster (pid in `postmaster.pid`), the children it has
 * reaped (cutime, cstime) and the ones still running (connections, background workers).
 */
export function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  const own = statFields(postmaster);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** Where the CPU went while `work` ran: per named part, in seconds. */
export async function cpuDuring<T>(parts: Record<string, () => number>, work: () => Promise<T>): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(parts).map(([name, read]) => [name, read()]));
  const result = await work();
  const cpuSeconds = Object.fromEntries(Object.entries(parts).map(([name, read]) => [name, Number((read() - before[name]).toFixed(2))]));
  return { result, cpuSeconds };
}

/** This process's own CPU seconds (the load generator). */
export const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
