/**
 * Shotput's built-in uploaders described as ShareX custom uploaders, so a ShareX user can take a
 * Shotput setup (host, key) the other way. Each is the request docs/api-contracts.md describes,
 * in ShareX's terms.
 */
import { ShotputError } from '../../errors.js';
import { UploadErrorCode } from '../errors.js';
import { SXCU_WRITE_VERSION, type NamedValue, type SxcuSpec } from './spec.js';
import { escapeSyntax } from './syntax.js';

/** This uploader's settings, read by field name under `uploaders.<id>.`. */
export interface ExportConfig {
  /** undefined when the setting is unset or this build does not know it. */
  get(field: string): string | undefined;
  getSecret(field: string): Promise<string | undefined>;
}

export interface ExportOptions {
  /** Put the keys in the file; otherwise a placeholder stands where each one goes. */
  includeSecrets: boolean;
}

interface BuiltIn {
  label: string;
  defaultBaseUrl?: string;
  build(base: string, secret: (field: string, placeholder: string) => Promise<string>): Promise<Omit<SxcuSpec, 'version' | 'name' | 'method' | 'data'>>;
}

const none: NamedValue[] = [];

/** Literal text in a field that goes through name patterns and the syntax parser. */
function literal(text: string): string {
  return escapeSyntax(text).replaceAll('%', '\\%');
}

const chevereto =
  (sendKeyField: boolean): BuiltIn['build'] =>
  async (base, secret) => {
    const key = await secret('apiKey', 'YOUR_API_KEY');
    return {
      destinations: ['ImageUploader'],
      requestUrl: `${base}/api/1/upload`,
      parameters: none,
      headers: [{ name: 'X-API-Key', value: key }],
      body: 'MultipartFormData',
      // Chevereto 3 reads only the `key` field; 4 prefers the header. Self-hosted: send both.
      arguments: [...(sendKeyField ? [{ name: 'key', value: key }] : []), { name: 'format', value: 'json' }],
      fileFormName: 'source',
      url: '{json:image.url}',
      thumbnailUrl: '{json:image.thumb.url}',
      deletionUrl: '{json:image.delete_url}',
      errorMessage: '{json:error.message}',
    };
  };

export const BUILT_IN_EXPORTS: Record<string, BuiltIn> = {
  imge: { label: 'IM.GE', defaultBaseUrl: 'https://im.ge', build: chevereto(false) },
  chevereto: { label: 'Chevereto', build: chevereto(true) },
  imgbb: {
    label: 'ImgBB',
    defaultBaseUrl: 'https://api.imgbb.com',
    build: async (base, secret) => ({
      destinations: ['ImageUploader'],
      requestUrl: `${base}/1/upload`,
      parameters: [{ name: 'key', value: await secret('apiKey', 'YOUR_API_KEY') }],
      headers: none,
      body: 'MultipartFormData',
      arguments: none,
      fileFormName: 'image',
      url: '{json:data.url}',
      thumbnailUrl: '{json:data.thumb.url}',
      deletionUrl: '{json:data.delete_url}',
      errorMessage: '{json:error.message}',
    }),
  },
  imgur: {
    label: 'Imgur',
    defaultBaseUrl: 'https://api.imgur.com',
    // Anonymous uploads: an account's access token expires within hours, useless in a file.
    build: async (base, secret) => ({
      destinations: ['ImageUploader'],
      requestUrl: `${base}/3/image`,
      parameters: none,
      headers: [{ name: 'Authorization', value: `Client-ID ${await secret('clientId', 'YOUR_CLIENT_ID')}` }],
      body: 'MultipartFormData',
      arguments: none,
      fileFormName: 'image',
      url: '{json:data.link}',
      thumbnailUrl: 'https://i.imgur.com/{json:data.id}t.jpg',
      deletionUrl: 'https://imgur.com/delete/{json:data.deletehash}',
      errorMessage: '{json:data.error}',
    }),
  },
  groupme: {
    label: 'GroupMe',
    defaultBaseUrl: 'https://image.groupme.com',
    build: async (base, secret) => ({
      destinations: ['ImageUploader'],
      requestUrl: `${base}/pictures`,
      parameters: none,
      headers: [{ name: 'X-Access-Token', value: await secret('accessToken', 'YOUR_ACCESS_TOKEN') }],
      body: 'Binary',
      arguments: none,
      fileFormName: '',
      url: '{json:payload.url}',
      thumbnailUrl: '{json:payload.url}.preview',
      deletionUrl: '',
      errorMessage: '',
    }),
  },
};

/** The spec, and the settings whose value a placeholder stands for (left out, or not set). */
export async function builtInSpec(id: string, config: ExportConfig, options: ExportOptions): Promise<{ spec: SxcuSpec; placeholders: string[] }> {
  const builtIn = BUILT_IN_EXPORTS[id];
  if (!builtIn) throw new ShotputError(UploadErrorCode.unsupported, `${id} is not a built-in uploader Shotput can export.`);
  const base = (config.get('baseUrl') || builtIn.defaultBaseUrl || '').replace(/\/+$/, '');
  if (base === '') {
    throw new ShotputError(
      UploadErrorCode.notConfigured,
      `${builtIn.label} has no host yet: set uploaders.${id}.baseUrl to your server's address, then export it.`,
    );
  }
  const placeholders: string[] = [];
  const secret = async (field: string, placeholder: string) => {
    const value = options.includeSecrets ? await config.getSecret(field) : undefined;
    if (value) return literal(value);
    placeholders.push(`uploaders.${id}.${field}`);
    return placeholder;
  };
  const parts = await builtIn.build(literal(base), secret);
  return { spec: { version: SXCU_WRITE_VERSION, name: builtIn.label, method: 'POST', data: '', ...parts }, placeholders };
}
