import { useState, type FormEvent } from 'react';
import type { QueueJob } from '../../../shared/uploads.js';
import { EmptyState } from '../components/EmptyState.js';
import { FilePicker } from '../components/FilePicker.js';
import { formatBytes, formatTime } from '../format.js';
import { useQueue } from '../stores/queue.js';
import { useUploaderLabel } from '../stores/uploaders.js';

const STATE_TEXT: Record<QueueJob['state'], string> = {
  queued: 'Waiting for a free slot',
  running: 'Uploading',
  waiting: 'Will retry',
  failed: 'Failed',
  done: 'Uploaded',
};

function JobRow({ job }: { job: QueueJob }) {
  const { retry, cancel, discard } = useQueue.getState();
  const percent = job.progress && job.progress.total > 0 ? Math.floor((job.progress.sent / job.progress.total) * 100) : undefined;
  const service = useUploaderLabel(job.uploaderId);
  const state = job.elsewhere ? 'Uploading in another Shotput window or command' : STATE_TEXT[job.state];
  return (
    <li className={`job job-${job.state}`} aria-label={job.fileName}>
      <div className="job-main">
        <span className="job-name">{job.fileName}</span>
        <span className="job-meta">
          {service}
          {job.bytes !== undefined && ` · ${formatBytes(job.bytes)}`}
        </span>
      </div>
      <div className="job-state">
        <span>
          {state}
          {job.state === 'waiting' && job.nextAttemptAt && ` at ${formatTime(job.nextAttemptAt)}`}
          {job.state === 'running' && percent !== undefined && ` ${percent}%`}
        </span>
        {job.state === 'running' && (
          <progress
            max={100}
            value={percent ?? 0}
            aria-label={`Upload progress of ${job.fileName}`}
            aria-valuetext={percent === undefined ? 'starting' : `${percent}%`}
          />
        )}
        {job.error && job.state !== 'running' && <p className="job-error">{job.error.message}</p>}
      </div>
      {!job.elsewhere && (
        <div className="job-actions">
          {(job.state === 'failed' || job.state === 'waiting') && (
            <button type="button" onClick={() => void retry(job.id)} aria-label={`Retry ${job.fileName}`}>
              Retry
            </button>
          )}
          {(job.state === 'running' || job.state === 'queued' || job.state === 'waiting') && (
            <button type="button" className="secondary" onClick={() => void cancel(job.id)} aria-label={`Cancel ${job.fileName}`}>
              Cancel
            </button>
          )}
          {job.state === 'failed' && (
            <button type="button" className="secondary" onClick={() => void discard(job.id)} aria-label={`Discard ${job.fileName}`}>
              Discard
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function UrlForm() {
  const addUrl = useQueue((s) => s.addUrl);
  const [url, setUrl] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (url.trim() && (await addUrl(url.trim()))) setUrl('');
  };
  return (
    <form className="url-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor="upload-url">Upload from a URL</label>
      <input id="upload-url" type="url" placeholder="https://…" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
      <button type="submit">Upload URL</button>
    </form>
  );
}

export function QueueView() {
  const jobs = useQueue((s) => s.jobs);
  const notice = useQueue((s) => s.notice);
  const addFiles = useQueue((s) => s.addFiles);
  return (
    <div className="queue">
      <div className="toolbar">
        <FilePicker label="Add files…" onFiles={(files) => void addFiles(files)} />
        <UrlForm />
      </div>
      <p className={`notice ${notice?.kind ?? ''}`} role="status" aria-live="polite">
        {notice?.text ?? 'Drop files anywhere on this window to upload them.'}
      </p>
      {jobs.length === 0 ? (
        <EmptyState title="The queue is empty">
          <p>
            Uploads that are waiting, running or failed show up here with their progress. A failed upload stays here with its file until
            you retry or discard it.
          </p>
        </EmptyState>
      ) : (
        <ul className="jobs" aria-label="Uploads in the queue">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </div>
  );
}
