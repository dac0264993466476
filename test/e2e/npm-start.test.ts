import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');

// Each test starts real processes (npm, gateways); a loaded CI machine needs the room.
jest.setTimeout(60_000);

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function within(ms: number, condition: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/**
 * The README's start command under a supervisor: `npm start & … kill $!` signals npm's own PID. The
 * gateway must stop with it and free its port, not linger under PID 1. (`npm test` built dist/ just
 * before, so npm start must not compile again.)
 */
interface NpmStart {
  port: number;
  output(): string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

const started: NpmStart[] = [];
afterEach(async () => {
  // SIGTERM first: a SIGKILLed npm could leave its gateway behind, which is what the tests check.
  for (const npm of started.splice(0)) {
    npm.kill('SIGTERM');
    await Promise.race([npm.exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    npm.kill('SIGKILL');
  }
});

async function npmStart(): Promise<NpmStart> {
  const npm = spawn('npm', ['start', '--silent', '--', '--port', '0', '--memory', '--quiet'], { cwd: ROOT, env: { ...process.env, PORT: undefined } });
  let out = '';
  npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  const handle = { port: 0, output: () => out, exited, kill: (signal: NodeJS.Signals) => void npm.kill(signal) };
  started.push(handle);
  const listening = await within(15000, async () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(out));
  if (!listening) throw new Error(`npm start did not listen in time:\n${out}`);
  handle.port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]);
  return handle;
}

describe('npm start under a supervisor', () => {
  beforeAll(() => {
    // The build is current after `npm test`'s pretest; when this file runs alone, make it so.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js'), '--if-stale'], { cwd: ROOT });
  });

  it('starts without recompiling when dist/ is current', async () => {
    const stampBefore = fs.statSync(STAMP).mtimeMs;
    const npm = await npmStart();
    expect(await portIsOpen(npm.port)).toBe(true);
    expect(fs.statSync(STAMP).mtimeMs).toBe(stampBefore);
  });

  it('stops the gateway when the npm process is sent SIGTERM (`npm start & … kill $!`): the port is free within seconds', async () => {
    const npm = await npmStart();
    npm.kill('SIGTERM');
    expect(await within(5000, async () => !(await portIsOpen(npm.port)))).toBe(true);
    expect(await npm.exited).toBe(0);
    expect(npm.output()).toContain('SIGTERM received, stopping');
  });

  it('stops the gateway even when npm is killed outright (SIGKILL)', async () => {
    const npm = await npmStart();
    npm.kill('SIGKILL');
    expect(await within(5000, async () => !(await portIsOpen(npm.port)))).toBe(true);
  });
});
