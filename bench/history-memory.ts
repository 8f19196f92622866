/**
 * Child process of the history bench: opens a profile's history as the app does, does what the
 * window does first (first page, a search, another sort, the tray's recent list, following
 * changes), then prints its peak resident memory in bytes. Run on an empty profile and on a big
 * one; the difference is what the history costs.
 */
import { openProfileHistory } from '../electron/core/history/index.js';
import { sampleRss } from './measure.js';

const [profileDir, search] = process.argv.slice(2);
if (!profileDir || !search) throw new Error('usage: bench-history-memory.js PROFILE SEARCH');
const peak = sampleRss();
const history = await openProfileHistory(profileDir);
history.onChange(() => {});
let cursor: string | null = null;
for (let i = 0; i < 5; i++) cursor = history.page({ limit: 100, cursor }).nextCursor;
history.page({ limit: 100, search });
history.page({ limit: 100, sort: { by: 'name', dir: 'asc' } });
history.page({ limit: 100, sort: { by: 'size', dir: 'desc' }, status: ['done'] });
history.recent(5);
await new Promise((resolve) => setTimeout(resolve, 300));
await history.close();
console.log(peak.stop());
