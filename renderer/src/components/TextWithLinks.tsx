import { Fragment } from 'react';
import { isWebLink } from '../../../shared/uploads.js';

/** Plain text in which http(s) addresses become links (opened in the browser); nothing is read as HTML. */
export function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s"'<>]+[^\s"'<>.,;:!?)])/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && isWebLink(part) ? (
          <a key={i} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
