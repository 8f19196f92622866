import { link, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * A claim by one process on work that several Shotput processes may find at once (a queue job,
 * a kept file waiting for its thumbnails): a small file naming the process, written whole and
 * then linked into place, so of two processes claiming at once exactly one wins. A claim whose
 * process has died on this machine is stale and may be taken over.
 */
export interface Owner {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readOwner(claimPath: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(claimPath, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** The claim's process has died on this machine (a crash or kill mid-work). */
export function isStale(owner: Owner): boolean {
  return owner.pid !== process.pid && owner.host === hostname() && !isAlive(owner.pid);
}

/** Another live process (or one on another machine sharing the folder) holds the claim. */
export async function isClaimedByOther(claimPath: string): Promise<boolean> {
  const owner = await readOwner(claimPath);
  if (!owner || owner.pid === process.pid) return false;
  return owner.host !== hostname() || isAlive(owner.pid);
}

/** Takes the claim for this process; false when a live process already holds it. */
export async function claim(claimPath: string): Promise<boolean> {
  if ((await readOwner(claimPath))?.pid === process.pid) return true;
  for (let attempt = 0; attempt < 2; attempt++) {
    const tmp = `${claimPath}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
      // link() fails when another process got there first.
      await link(tmp, claimPath);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await isClaimedByOther(claimPath)) return false;
      await rm(claimPath, { force: true });
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }
  return false;
}

/** Gives up this process's claim (someone else's is left alone). */
export async function release(claimPath: string): Promise<void> {
  if ((await readOwner(claimPath))?.pid === process.pid) await rm(claimPath, { force: true });
}
