import { execFile } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

// Here rather than in test/support: the bench's live group (dist/bench/) uses it as well as the
// dashboard's e2e suite (bench/, through ts-jest), and the build compiles bench/ but not test/.

/**
 * Where @sparticuz/chromium's browser is, and the flags it needs. The package is ESM-only, which
 * jest's CommonJS runtime cannot load on Node 20 or 22: a plain node (which can) asks it, run in this
 * folder so that its bare import finds node_modules above (from bench/ and from dist/bench/ alike).
 * The first call unpacks the browser into the system's temporary folder (~2 s); later ones find it.
 */
function chromiumBinary(): Promise<{ executablePath: string; args: string[] }> {
  const script = "import chromium from '@sparticuz/chromium'; console.log(JSON.stringify({ executablePath: await chromium.executablePath(), args: chromium.args }));";
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: __dirname, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`@sparticuz/chromium did not give its browser: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

/**
 * A real headless Chromium, from npm packages alone (playwright-core drives @sparticuz/chromium's
 * binary). Its flags are for AWS Lambda, less one: in `--single-process` the whole browser dies
 * when a test closes one of its contexts. `extraArgs` go after them (the bench's `--disable-gpu`).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const { executablePath, args } = await chromiumBinary();
  return chromium.launch({ executablePath, args: [...args.filter((arg) => arg !== '--single-process'), ...extraArgs], headless: true });
}
