import type { FieldChoice, SettingSection } from '../../../shared/settings/fields.js';

/**
 * The General section. `uploaderChoices` comes from the uploader registry, so `defaultUploader`
 * offers exactly the uploaders there are, custom ones included.
 */
export function generalSection(uploaderChoices: FieldChoice[]): SettingSection {
  return {
    id: 'general',
    title: 'General',
    fields: [
      { key: 'defaultUploader', label: 'Default uploader', kind: 'choice', default: 'imge', choices: uploaderChoices },
      {
        key: 'defaultFileUploader',
        label: 'Uploader for other files',
        kind: 'choice',
        default: '',
        choices: [{ value: '', label: 'The default uploader' }, ...uploaderChoices],
        help: 'Where files that are not images go when they are dropped on the window or opened with Shotput, such as a file uploader imported from a .sxcu file.',
      },
      {
        key: 'theme',
        label: 'Theme',
        kind: 'choice',
        default: 'system',
        choices: [
          { value: 'system', label: 'Follow the system' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ],
      },
    ],
  };
}

/** Settings that belong to the app itself; uploaders and the pipeline contribute their own sections. */
export function coreSections(uploaderChoices: FieldChoice[]): SettingSection[] {
  return [
    generalSection(uploaderChoices),
    {
      id: 'queue',
      title: 'Upload queue',
      fields: [
        {
          key: 'queue.concurrency',
          label: 'Uploads at the same time',
          kind: 'integer',
          default: 2,
          min: 1,
          max: 8,
          help: 'How many uploads run in parallel; the rest wait in the queue.',
        },
        {
          key: 'queue.retries',
          label: 'Retries after a network or server error',
          kind: 'integer',
          default: 4,
          min: 0,
          max: 10,
          help: 'Each retry waits about twice as long as the one before (2 s, 4 s, 8 s…). Refusals such as a wrong API key are never retried.',
        },
      ],
    },
    {
      id: 'network',
      title: 'Network',
      fields: [
        {
          key: 'network.connectTimeoutSeconds',
          label: 'Connect timeout (seconds)',
          kind: 'integer',
          default: 15,
          min: 1,
          max: 300,
          help: 'A host that does not take the connection within this time is tried again later.',
        },
        {
          key: 'network.idleTimeoutSeconds',
          label: 'Stopped-answering timeout (seconds)',
          kind: 'integer',
          default: 30,
          min: 1,
          max: 600,
          help: 'When nothing is sent or received for this long the host has stopped answering: the upload is stopped and tried again later.',
        },
        {
          key: 'network.requestTimeoutSeconds',
          label: 'Longest time for one upload (seconds)',
          kind: 'integer',
          default: 3600,
          min: 10,
          max: 86_400,
          help: 'An upload still running after this long is stopped and tried again later.',
        },
      ],
    },
  ];
}
