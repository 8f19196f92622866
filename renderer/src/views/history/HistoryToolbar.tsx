import { useEffect, useState } from 'react';
import type { HistoryStatus } from '../../../../shared/uploads.js';
import { useHistory, type HistoryFilters, type SortBy } from '../../stores/history.js';
import { useUploaders } from '../../stores/uploaders.js';
import type { Layout } from './UploadList.js';

/** Short enough to feel instant, long enough to skip the keystrokes of a word typed quickly. */
const SEARCH_DEBOUNCE_MS = 12;

const SORTS: Array<{ value: string; label: string; sort: HistoryFilters['sort'] }> = [
  { value: 'date-desc', label: 'Newest first', sort: { by: 'date', dir: 'desc' } },
  { value: 'date-asc', label: 'Oldest first', sort: { by: 'date', dir: 'asc' } },
  { value: 'size-desc', label: 'Largest first', sort: { by: 'size', dir: 'desc' } },
  { value: 'size-asc', label: 'Smallest first', sort: { by: 'size', dir: 'asc' } },
  { value: 'name-asc', label: 'Name A–Z', sort: { by: 'name', dir: 'asc' } },
  { value: 'name-desc', label: 'Name Z–A', sort: { by: 'name', dir: 'desc' } },
];

const STATUSES: Array<{ value: '' | HistoryStatus; label: string }> = [
  { value: '', label: 'Any status' },
  { value: 'done', label: 'Uploaded' },
  { value: 'failed', label: 'Failed' },
  { value: 'deleted', label: 'Deleted on the host' },
];

export function HistoryToolbar({ layout, onLayout }: { layout: Layout; onLayout(layout: Layout): void }) {
  const filters = useHistory((s) => s.filters);
  const setFilters = useHistory((s) => s.setFilters);
  const uploaders = useUploaders((s) => s.list);
  const [query, setQuery] = useState(filters.search);

  useEffect(() => {
    if (query === useHistory.getState().filters.search) return;
    const timer = setTimeout(() => setFilters({ search: query }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, setFilters]);

  const sortValue = `${filters.sort.by}-${filters.sort.dir}`;
  return (
    <div className="history-toolbar">
      <div className="field field-search">
        <label htmlFor="history-search">Search uploads</label>
        <input
          id="history-search"
          type="search"
          value={query}
          placeholder="Name, link, uploader, album or title"
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="history-uploader">Uploader</label>
        <select
          id="history-uploader"
          value={filters.uploaders[0] ?? ''}
          onChange={(e) => setFilters({ uploaders: e.currentTarget.value ? [e.currentTarget.value] : [] })}
        >
          <option value="">All uploaders</option>
          {uploaders.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-status">Status</label>
        <select
          id="history-status"
          value={filters.status[0] ?? ''}
          onChange={(e) => setFilters({ status: e.currentTarget.value ? [e.currentTarget.value as HistoryStatus] : [] })}
        >
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-from">From</label>
        <input id="history-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => setFilters({ from: e.currentTarget.value })} />
      </div>
      <div className="field">
        <label htmlFor="history-to">To</label>
        <input id="history-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => setFilters({ to: e.currentTarget.value })} />
      </div>
      <div className="field">
        <label htmlFor="history-sort">Sort</label>
        <select
          id="history-sort"
          value={sortValue}
          onChange={(e) => setFilters({ sort: SORTS.find((s) => s.value === e.currentTarget.value)!.sort as { by: SortBy; dir: 'asc' | 'desc' } })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="layout-switch" role="group" aria-label="Show as">
        {(['list', 'grid'] as const).map((l) => (
          <button key={l} type="button" className="secondary" aria-pressed={layout === l} onClick={() => onLayout(l)}>
            {l === 'list' ? 'List' : 'Grid'}
          </button>
        ))}
      </div>
    </div>
  );
}
