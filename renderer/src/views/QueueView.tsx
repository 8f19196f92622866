import { EmptyState } from '../components/EmptyState.js';

export function QueueView() {
  return (
    <EmptyState title="The queue is empty">
      <p>
        Uploads that are waiting, running or failed show up here with their progress. A failed upload stays here with its file until
        you retry or discard it.
      </p>
    </EmptyState>
  );
}
