import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
/**
 * A profile with a big history, for the history bench and for anyone trying the app, the harness
 * or `shotput history` at scale: `npm run bench -- history --entries 100000 --home DIR`.
 * Deterministic (seeded), so the same searches find the same uploads on every machine.
 */
import type { NewHistoryRecord } from '../shared/uploads.js';
import { openProfileHistory } from '../electron/core/history/index.js';
import { builtInUploaders } from '../electron/core/uploaders/built-in.js';

/** Roughly one upload in a thousand is named after this word: the bench's selective search. */
export const RARE_WORD = 'invoice';
/** In the link of every IM.GE upload (about a third): the bench's broad search. */
export const COMMON_WORD = 'im.ge';

const HOSTS: Record<string, (id: string, day: string) => { url: string; viewerUrl: string }> = {
  imge: (id, day) => ({ url: `https://i.im.ge/${day}/${id}.png`, viewerUrl: `https://im.ge/i/${id}` }),
  imgur: (id) => ({ url: `https://i.imgur.com/${id}.png`, viewerUrl: `https://imgur.com/${id}` }),
  imgbb: (id) => ({ url: `https://i.ibb.co/${id}/shot.png`, viewerUrl: `https://ibb.co/${id}` }),
  groupme: (id) => ({ url: `https://i.groupme.com/1920x1080.png.${id}`, viewerUrl: `https://i.groupme.com/1920x1080.png.${id}.large` }),
};
const UPLOADERS = Object.keys(HOSTS);
const NAMES = ['Screenshot', 'Capture', 'bug-report', 'diagram', 'meme', 'chart', 'photo', 'mockup', 'error dialog', 'receipt'];
const ALBUMS = ['Holidays 2024', 'Work', 'Memes', 'Bug reports', 'Cats'];
const FIVE_YEARS_MS = 5 * 365 * 24 * 3600 * 1000;

/** mulberry32: a tiny seeded generator, so profiles are the same everywhere. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* generatedUploads(count: number, endMs = Date.UTC(2026, 11, 1)): Generator<NewHistoryRecord> {
  const random = seeded(20261202);
  const labels = new Map(builtInUploaders().map((u) => [u.descriptor.id, u.descriptor.label]));
  const startMs = endMs - FIVE_YEARS_MS;
  for (let i = 0; i < count; i++) {
    const uploaderId = UPLOADERS[Math.floor(random() * UPLOADERS.length)]!;
    const at = new Date(startMs + Math.floor((i / count) * FIVE_YEARS_MS + random() * 60_000));
    const day = at.toISOString().slice(0, 10).replaceAll('-', '/');
    const remoteId = Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0');
    const rare = random() < 0.001;
    const name = rare ? `${RARE_WORD}-${i}` : `${NAMES[Math.floor(random() * NAMES.length)]} ${at.toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '-')}`;
    const roll = random();
    const album = roll < 0.2 ? ALBUMS[Math.floor(random() * ALBUMS.length)] : undefined;
    yield {
      id: `gen-${i.toString(36)}-${remoteId}`,
      createdAt: at.toISOString(),
      jobId: `job-gen-${i.toString(36)}`,
      status: roll > 0.995 ? 'failed' : roll > 0.98 ? 'deleted' : 'done',
      uploaderId,
      uploaderLabel: labels.get(uploaderId) ?? uploaderId,
      fileName: `${name}.png`,
      mime: 'image/png',
      bytes: 20_000 + Math.floor(random() * 4_000_000),
      width: 1920,
      height: 1080,
      ...HOSTS[uploaderId]!(remoteId, day),
      deleteUrl: uploaderId === 'imge' ? `https://im.ge/delete/${remoteId}/${remoteId.split('').reverse().join('')}` : undefined,
      remoteId,
      albumId: album ? `alb${ALBUMS.indexOf(album)}` : undefined,
      albumTitle: album,
      origin: 'upload',
    };
  }
}

/** Fills `profileDir`'s history with `count` generated uploads (added to what is there). */
export async function fillProfile(profileDir: string, count: number): Promise<{ inserted: number; ms: number }> {
  const started = performance.now();
  const history = await openProfileHistory(profileDir);
  try {
    const inserted = history.addMany(generatedUploads(count));
    return { inserted, ms: performance.now() - started };
  } finally {
    await history.close();
  }
}

/**
 * The three thumbnail files each upload leaves in the profile (empty: only their number matters
 * here), owner-only as Shotput writes them. A command that opens the whole core must not walk them.
 */
export function fillThumbnails(profileDir: string, count: number): { files: number; ms: number } {
  const started = performance.now();
  const dir = join(profileDir, 'thumbnails');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let files = 0;
  for (let i = 0; i < count; i++) {
    for (const kind of ['square', 'large', 'avatar']) {
      closeSync(openSync(join(dir, `upload-${i}.${kind}.webp`), 'w', 0o600));
      files++;
    }
  }
  return { files, ms: performance.now() - started };
}
