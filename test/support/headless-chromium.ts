import { execFile } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Where @sparticuz/chromium's browser is, and the flags it needs. The package is ESM-only, which
 * jest's CommonJS runtime cannot load on Node 20 or 22: a plain node (which can) asks it. The first
 * call unpacks the browser into the system's temporary folder (~2 s); later ones find it there.
 */
function chromiumBinary(): Promise<{ executablePath: string; args: string[] }> {
  const script = "import chromium from '@sparticuz/chromium'; console.log(JSON.stringify({ executablePath: await chromium.executablePath(), args: chromium.args }));";
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`@sparticuz/chromium did not give its browser: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

/**
 * A real headless Chromium, from npm packages alone (playwright-core drives @sparticuz/chromium's
 * binary). Its flags are for AWS Lambda, less one: in `--single-process` the whole browser dies
 * when a test closes one of its contexts.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await chromiumBinary();
  return chromium.launch({ executablePath, args: args.filter((arg) => arg !== '--single-process'), headless: true });
}
