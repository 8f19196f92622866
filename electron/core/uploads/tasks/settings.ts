import type { SettingSection } from '../../../../shared/settings/fields.js';
import { FILE_NAME_TOKENS } from './file-name-pattern.js';
import { LINK_TEMPLATE_FIELDS } from './link-text.js';

export const DEFAULT_FILE_NAME_PATTERN = 'Shotput_%y-%mo-%d_%h-%mi-%s';

/** The after-capture tasks' settings, in the order the tasks run. `captureFolder` is where saved captures go by default. */
export function afterCaptureSection(captureFolder: string): SettingSection {
  return {
    id: 'afterCapture',
    title: 'After capture (in this order)',
    fields: [
      {
        key: 'afterCapture.openEditor',
        label: '1. Open in the editor',
        kind: 'boolean',
        default: false,
        help: 'Enter in the editor goes on with the edited image; Esc (discard) cancels the tasks below.',
      },
      { key: 'afterCapture.copyImage', label: '2. Copy the image to the clipboard', kind: 'boolean', default: false },
      { key: 'afterCapture.save', label: '3. Save the image to a folder', kind: 'boolean', default: false },
      { key: 'afterCapture.folder', label: 'Folder for saved captures', kind: 'string', default: captureFolder, help: 'A full path; it is created when missing.' },
      {
        key: 'afterCapture.fileNamePattern',
        label: 'File name pattern',
        kind: 'string',
        default: DEFAULT_FILE_NAME_PATTERN,
        help: `Without extension. ${FILE_NAME_TOKENS.map((t) => `${t.token} ${t.meaning}`).join(', ')}.`,
      },
      { key: 'afterCapture.counter', label: 'Capture counter (%i)', kind: 'integer', default: 0, min: 0, hidden: true },
      { key: 'afterCapture.upload', label: '4. Upload', kind: 'boolean', default: true },
      { key: 'afterCapture.notify', label: '5. Show a notification with a thumbnail', kind: 'boolean', default: false },
    ],
  };
}

/** The after-upload tasks' settings, in the order the tasks run. */
export function afterUploadSection(): SettingSection {
  return {
    id: 'afterUpload',
    title: 'After upload (in this order)',
    fields: [
      { key: 'afterUpload.copyLink', label: '1. Copy the link to the clipboard', kind: 'boolean', default: true },
      {
        key: 'afterUpload.linkFormat',
        label: 'Link format',
        kind: 'choice',
        default: 'url',
        choices: [
          { value: 'url', label: 'Plain URL' },
          { value: 'markdown', label: 'Markdown' },
          { value: 'html', label: 'HTML' },
          { value: 'bbcode', label: 'BBCode' },
          { value: 'template', label: 'My template (below)' },
        ],
      },
      {
        key: 'afterUpload.linkTemplate',
        label: 'Link template',
        kind: 'string',
        default: '{url}',
        help: `Used when the link format is "My template": ${LINK_TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}.`,
      },
      { key: 'afterUpload.notify', label: '2. Show a notification (click opens the link)', kind: 'boolean', default: true },
      { key: 'afterUpload.openInBrowser', label: '3. Open the link in the browser', kind: 'boolean', default: false },
    ],
  };
}
