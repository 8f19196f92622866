import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runShotput } from '../../support/bin.js';
import { writeNoisePng } from '../../support/images.js';

/** An IM.GE-shaped host whose answer the test chooses. */
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let server: Server;
let hostUrl: string;
let files: string;
let profile: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  files = mkdtempSync(join(tmpdir(), 'shotput-hostile-'));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(files, { recursive: true, force: true });
});
beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'shotput-hostile-profile-'));
});

const imge = () => ['--set', `uploaders.imge.baseUrl=${hostUrl}`, '--set', 'uploaders.imge.apiKey=K', '--set', 'queue.retries=0'];
const success = (url: string) => ({
  status: 200,
  body: { status_code: 200, success: { message: 'file uploaded', code: 200 }, image: { id_encoded: 'L', name: 'x', extension: 'png', width: 8, height: 8, size: 10, url, url_viewer: url, delete_url: url } },
});

describe('a hostile host', () => {
  it.each(['javascript:alert(document.cookie)', 'file:///etc/passwd', 'smb://evil/share/x.png'])('cannot make %s a recorded, copied success', async (link) => {
    const image = join(files, 'shot.png');
    await writeNoisePng(image, 8, 8);
    answer = success(link);
    const run = await runShotput(profile, ...imge(), 'upload', image, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { ok: boolean; url: string | null; error: { message: string } };
    expect(result).toMatchObject({ ok: false, url: null });
    expect(result.error.message).toMatch(/IM\.GE answered with a link that is not a web address/);
    expect((await runShotput(profile, 'history', '--json')).stdout.trim()).toBe('');
  });

  it('never gets an escape sequence through to the terminal', async () => {
    const image = join(files, 'esc.png');
    await writeNoisePng(image, 8, 8);
    answer = { status: 400, body: { status_code: 400, error: { message: '\u001b[31mRED\u001b]0;pwned\u0007 \u009b2J done', code: 999 }, status_txt: 'Bad Request' } };
    const run = await runShotput(profile, ...imge(), 'upload', image);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('RED');
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('a file the user cannot read', () => {
  it('says "cannot be read: permission denied"', async () => {
    const image = join(files, 'secret.png');
    await writeNoisePng(image, 8, 8);
    chmodSync(image, 0o000);
    let run: { code: number | null; stderr: string };
    if (process.getuid?.() === 0) {
      // root reads anything: run the command as an ordinary user, as a real user would be.
      const home = mkdtempSync(join(tmpdir(), 'shotput-nobody-'));
      chmodSync(home, 0o755);
      chownSync(home, 65534, 65534);
      chmodSync(files, 0o755);
      const child = spawnSync(process.execPath, [`${process.cwd()}/dist/cli.js`, ...imge(), 'upload', image], {
        env: { ...process.env, SHOTPUT_HOME: join(home, 'profile') },
        encoding: 'utf8',
        uid: 65534,
        gid: 65534,
        cwd: home,
      });
      run = { code: child.status, stderr: child.stderr };
      rmSync(home, { recursive: true, force: true });
    } else {
      run = await runShotput(profile, ...imge(), 'upload', image);
    }
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${image} cannot be read: permission denied`);
    expect(run.stderr).not.toMatch(/Something went wrong inside Shotput/);
  });
});
