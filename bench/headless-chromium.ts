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
 * binary). Its flags are for AWS Lambda, less one, plus one:
 * - not `--single-process`: in it, the whole browser dies when a test closes one of its contexts;
 * - `--disable-gpu`: otherwise the page's frames go through SwiftShader, a GPU emulated on the CPU,
 *   which now and then holds a page's events back. Measured on this 2-core machine (2026-12-07): with
 *   the Lambda flags, 2 dashboard rows in each 300 came 0.7-2.4 s after their answer (the others in
 *   ~4 ms), which failed the dashboard suite's old 1 s limit in CI; with the GPU off, none of 600 took
 *   more than 16 ms. A user's browser has a real GPU, or none: neither stalls like that.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await chromiumBinary();
  return chromium.launch({ executablePath, args: [...args.filter((arg) => arg !== '--single-process'), '--disable-gpu'], headless: true });
}
