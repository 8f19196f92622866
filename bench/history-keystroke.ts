/**
 * Keystroke to painted rows in the History window's search box, as a user meets it: the harness on
 * a big profile, the real renderer in Chromium, the search debounce included.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium } from '../test/support/harness-process.js';
import { median } from './measure.js';

/** Words the generated profile holds in some file names; each is searched once per round (cold in the store's count cache). */
const WORDS = ['invoice', 'receipt', 'diagram', 'mockup', 'chart', 'screenshot', 'photo', 'error dialog', 'bug-report'];

async function startHarness(distDir: string, profile: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(distDir, 'harness.js'), '--port', '0'], {
    env: { ...process.env, SHOTPUT_HOME: profile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      text += d;
      const found = /Harness ready at (http:\/\/\S+)/.exec(text);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`The harness exited with ${code}: ${text}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * Median ms from the search box's input event to the first animation frame in which the list's
 * first row is a match (the frame that paints it), over one search per word.
 */
export async function keystrokeToPainted(distDir: string, profile: string, entries: number): Promise<number> {
  const harness = await startHarness(distDir, profile);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    await page.goto(harness.url);
    const status = page.getByRole('status', { name: 'History status' });
    const everything = `${entries.toLocaleString('en')} uploads.`;
    await status.filter({ hasText: everything }).waitFor({ timeout: 60_000 });
    const box = page.getByLabel('Search uploads');
    const times: number[] = [];
    for (const word of WORDS) {
      // Evaluated in the page (the bench compiles without the DOM types).
      const painted = page.evaluate(`new Promise((resolve) => {
        const input = document.getElementById('history-search');
        input.addEventListener('input', (event) => {
          const started = event.timeStamp;
          const frame = () => {
            const first = document.querySelector('[role="listbox"] [role="option"]');
            const status = document.querySelector('[aria-label="History status"]');
            if (first && first.textContent.toLowerCase().includes(${JSON.stringify(word)}) && status && status.textContent.includes('match')) resolve(performance.now() - started);
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }, { once: true });
      })`);
      await box.fill(word);
      const ms = (await Promise.race([painted, new Promise((resolve) => setTimeout(() => resolve(undefined), 20_000))])) as number | undefined;
      if (ms === undefined) throw new Error(`Searching for "${word}" in the window showed no matching first row within 20 s.`);
      times.push(ms);
      await box.fill('');
      await status.filter({ hasText: everything }).waitFor();
    }
    return median(times);
  } finally {
    await browser.close();
    harness.stop();
  }
}
