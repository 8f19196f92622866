import { useEffect, useState, type FormEvent } from 'react';
import { isWebLink, type QueueJob } from '../../../shared/uploads.js';
import { EmptyState } from '../components/EmptyState.js';
import { FilePicker } from '../components/FilePicker.js';
import { formatBytes, formatIn } from '../format.js';
import { forWindow } from '../stores/messages.js';
import { useNavigation } from '../stores/navigation.js';
import { useQueue, type FinishedUpload } from '../stores/queue.js';
import { useUploadOptions } from '../stores/upload-options.js';
import { useUploaderLabel } from '../stores/uploaders.js';

/** Re-renders every second while something counts down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

const isCancelled = (job: QueueJob) => job.state === 'failed' && job.error?.code === 'cancelled';

/** What a person reads for a job's state: the bytes may all be sent while the host is still at work. */
function stateText(job: QueueJob, now: number): string {
  if (job.elsewhere) return 'Uploading in another Shotput window or command';
  switch (job.state) {
    case 'queued':
      return 'Waiting for a free slot';
    case 'running': {
      const p = job.progress;
      if (!p || p.total === 0) return 'Starting…';
      if (p.sent >= p.total) return 'Processing on the host…';
      return `Uploading ${Math.floor((p.sent / p.total) * 100)}%`;
    }
    case 'waiting':
      return job.nextAttemptAt ? `Will retry ${formatIn(job.nextAttemptAt, now)}` : 'Will retry';
    case 'failed':
      return isCancelled(job) ? 'Cancelled' : 'Failed';
    case 'done':
      return 'Uploaded';
  }
}

function JobRow({ job, now }: { job: QueueJob; now: number }) {
  const { retry, cancel, discard } = useQueue.getState();
  const openSetting = useNavigation((s) => s.openSetting);
  const percent = job.progress && job.progress.total > 0 ? Math.floor((job.progress.sent / job.progress.total) * 100) : undefined;
  const service = useUploaderLabel(job.uploaderId);
  const cancelled = isCancelled(job);
  return (
    <li className={`job job-${cancelled ? 'cancelled' : job.state}`} aria-label={job.fileName}>
      <div className="job-main">
        <span className="job-name">{job.fileName}</span>
        <span className="job-meta">
          {service}
          {job.bytes !== undefined && ` · ${formatBytes(job.bytes)}`}
        </span>
      </div>
      <div className="job-state">
        <span>{stateText(job, now)}</span>
        {job.state === 'running' && (
          <progress
            max={100}
            value={percent ?? 0}
            aria-label={`Upload progress of ${job.fileName}`}
            aria-valuetext={percent === undefined ? 'starting' : percent >= 100 ? 'processing on the host' : `${percent}%`}
          />
        )}
        {job.note && <p className="job-note">{job.note}</p>}
        {job.error && job.state !== 'running' && !cancelled && <p className="job-error">{forWindow(job.error)}</p>}
      </div>
      {!job.elsewhere && (
        <div className="job-actions">
          {job.error?.setting && job.state === 'failed' && (
            <button type="button" onClick={() => openSetting(job.error!.setting!)}>
              Open settings
            </button>
          )}
          {(job.state === 'failed' || job.state === 'waiting') && (
            <button type="button" className={job.error?.setting ? 'secondary' : undefined} onClick={() => void retry(job.id)} aria-label={`Retry ${job.fileName}`}>
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

/** A finished upload stays with its link until the user dismisses it. */
function FinishedRow({ item }: { item: FinishedUpload }) {
  const { dismiss, copyLink } = useQueue.getState();
  const { job, record } = item;
  const service = useUploaderLabel(job.uploaderId);
  const url = record?.url;
  return (
    <li className="job job-done" aria-label={job.fileName}>
      <div className="job-main">
        <span className="job-name">{job.fileName}</span>
        <span className="job-meta">
          {service}
          {job.bytes !== undefined && ` · ${formatBytes(job.bytes)}`}
        </span>
      </div>
      <div className="job-state">
        <span>{record?.awaitingModeration ? 'Uploaded, awaiting moderation' : 'Uploaded'}</span>
        {url && (isWebLink(url) ? <a className="job-link" href={url} target="_blank" rel="noreferrer noopener">{url}</a> : <span className="job-link">{url}</span>)}
      </div>
      <div className="job-actions">
        {record && !record.awaitingModeration && (
          <button type="button" onClick={() => void copyLink(record)} aria-label={`Copy link of ${job.fileName}`}>
            Copy link
          </button>
        )}
        <button type="button" className="secondary" onClick={() => dismiss(job.id)} aria-label={`Dismiss ${job.fileName}`}>
          Dismiss
        </button>
      </div>
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
  const finished = useQueue((s) => s.finished);
  const notice = useQueue((s) => s.notice);
  const addFiles = useQueue((s) => s.addFiles);
  const dismissFinished = useQueue((s) => s.dismissFinished);
  const now = useNow(jobs.some((j) => j.state === 'waiting'));
  return (
    <div className="queue">
      <div className="toolbar">
        <FilePicker label="Add files…" onFiles={(files) => void addFiles(files)} />
        <FilePicker label="Upload with options…" onFiles={(files) => useUploadOptions.getState().open(files)} />
        <UrlForm />
      </div>
      <p className={`notice ${notice?.kind ?? ''}`} role="status" aria-live="polite">
        {notice?.text ?? 'Drop files anywhere on this window to upload them; hold Shift while dropping to choose their options first.'}
      </p>
      {jobs.length === 0 && finished.length === 0 ? (
        <EmptyState title="The queue is empty">
          <p>
            Uploads show up here with their progress, and stay with their link once done until you dismiss them. A failed upload stays
            here with its file until you retry or discard it.
          </p>
        </EmptyState>
      ) : (
        <>
          {jobs.length > 0 && (
            <ul className="jobs" aria-label="Uploads in the queue">
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} now={now} />
              ))}
            </ul>
          )}
          {finished.length > 0 && (
            <section className="finished" aria-labelledby="finished-title">
              <div className="finished-header">
                <h2 id="finished-title">Finished</h2>
                <button type="button" className="secondary" onClick={dismissFinished}>
                  Dismiss all finished
                </button>
              </div>
              <ul className="jobs" aria-label="Finished uploads">
                {finished.map((item) => (
                  <FinishedRow key={item.job.id} item={item} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
