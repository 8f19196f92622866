#!/usr/bin/env node
// `npm run screenshots`: the README's pictures of the real renderer, taken through the harness in
// Debian's Chromium with a throwaway profile.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const profile = mkdtempSync(join(tmpdir(), 'shotput-shots-'));
const harness = spawn(process.execPath, ['scripts/harness.mjs', '--port', '0'], { env: { ...process.env, SHOTPUT_HOME: profile }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  harness.stdout.on('data', (d) => {
    out += d;
    const m = /Harness ready at (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  harness.on('exit', (code) => reject(new Error(`harness exited ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 }, colorScheme: scheme, deviceScaleFactor: 1 });
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    if (scheme === 'light') await page.screenshot({ path: 'docs/screenshots/history.png' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Uploads at the same time').waitFor();
    await page.screenshot({ path: `docs/screenshots/settings-${scheme}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  harness.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
