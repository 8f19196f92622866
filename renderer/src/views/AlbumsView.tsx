import { EmptyState } from '../components/EmptyState.js';

export function AlbumsView() {
  return (
    <EmptyState title="No albums yet">
      <p>
        Albums from your Imgur account and the ones you create here will be listed in this view. Connect an Imgur account in
        Settings to see them.
      </p>
    </EmptyState>
  );
}
