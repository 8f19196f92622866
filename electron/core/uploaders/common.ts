/**
 * What every built-in uploader does the same way: its settings fields, reading them, and the
 * checks made before any byte is sent.
 */
import type { SettingField } from '../../../shared/settings/fields.js';
import { checkAdmission } from './admission.js';
import { UploadError, UploadErrorCode } from './errors.js';
import type { HttpIO } from './http/send.js';
import type { ServiceRef } from './http/failure.js';
import type { ExpirationChoice, UploadContext, UploaderDescriptor, UploadSource } from './types.js';

export const EXPIRATION_LABELS: Record<ExpirationChoice, string> = {
  never: 'Never',
  '5m': '5 minutes',
  '15m': '15 minutes',
  '30m': '30 minutes',
  '1h': '1 hour',
  '3h': '3 hours',
  '6h': '6 hours',
  '12h': '12 hours',
  '1d': '1 day',
  '2d': '2 days',
  '3d': '3 days',
  '4d': '4 days',
  '5d': '5 days',
  '6d': '6 days',
  '1w': '1 week',
  '2w': '2 weeks',
  '3w': '3 weeks',
  '1mo': '1 month',
  '2mo': '2 months',
  '3mo': '3 months',
  '4mo': '4 months',
  '5mo': '5 months',
  '6mo': '6 months',
  '1y': '1 year',
};

export const MB = 1024 * 1024;

/** `uploaders.<id>.<field>`: the one place the settings key of an uploader field is spelled. */
export function settingKey(id: string, field: string): string {
  return `uploaders.${id}.${field}`;
}

export function serviceOf(descriptor: UploaderDescriptor): ServiceRef {
  return { id: descriptor.id, label: descriptor.label };
}

/** The HTTP helpers' view of an upload context. */
export function httpIO(ctx: UploadContext): HttpIO {
  return { fetch: ctx.fetch, signal: ctx.signal, onProgress: (sent, total) => ctx.onProgress(sent, total) };
}

/** Field builders, so every uploader's settings read alike. */
export const fields = {
  baseUrl(id: string, label: string, defaultUrl: string | undefined, help: string): SettingField {
    return defaultUrl === undefined
      ? { key: settingKey(id, 'baseUrl'), label: `${label} address`, kind: 'url', default: '', optional: true, help }
      : { key: settingKey(id, 'baseUrl'), label: `${label} address`, kind: 'url', default: defaultUrl, help };
  },
  secret(id: string, field: string, label: string, help?: string): SettingField {
    return { key: settingKey(id, field), label, kind: 'secret', help };
  },
  expiration(id: string, choices: readonly ExpirationChoice[]): SettingField {
    return {
      key: settingKey(id, 'expiration'),
      label: 'Delete images after',
      kind: 'choice',
      default: 'never',
      choices: (['never', ...choices] as ExpirationChoice[]).map((value) => ({ value, label: EXPIRATION_LABELS[value] })),
      help: 'Used when an upload does not choose its own expiration.',
    };
  },
  text(id: string, field: string, label: string, help?: string): SettingField {
    return { key: settingKey(id, field), label, kind: 'string', default: '', optional: true, help };
  },
};

function notConfigured(service: ServiceRef, message: string): UploadError {
  return new UploadError(UploadErrorCode.notConfigured, message, { service: service.id, retry: { kind: 'never' } });
}

/** The base URL without its trailing slash; a self-hosted one that was never set is said as such. */
export function baseUrlOf(ctx: UploadContext, service: ServiceRef): string {
  const value = String(ctx.config.get('baseUrl') ?? '').replace(/\/+$/, '');
  if (value === '') {
    throw notConfigured(service, `${service.label} has no address yet: set ${settingKey(service.id, 'baseUrl')} to your site's address (Settings → ${service.label}).`);
  }
  return value;
}

/** A secret that must be set, or a not_configured error naming the setting and where to get it. */
export async function requireSecret(ctx: UploadContext, service: ServiceRef, field: string, what: string, hint: string): Promise<string> {
  const value = (await ctx.config.getSecret(field))?.trim();
  if (!value) throw notConfigured(service, `${service.label} needs ${what}: set ${settingKey(service.id, field)} (Settings → ${service.label}). ${hint}`);
  return value;
}

export function optionalText(ctx: UploadContext, field: string): string | undefined {
  const value = String(ctx.config.get(field) ?? '').trim();
  return value === '' ? undefined : value;
}

export type Expiration = Exclude<ExpirationChoice, 'never'>;

/**
 * The expiration to use: the upload's own, else the uploader's setting; undefined for never. A
 * choice the service does not offer is refused before anything is sent.
 */
export function expirationOf(ctx: UploadContext, descriptor: UploaderDescriptor, chosen: ExpirationChoice | undefined): Expiration | undefined {
  const value = (chosen ?? String(ctx.config.get('expiration') ?? 'never')) as ExpirationChoice;
  if (value === 'never') return undefined;
  const offered = descriptor.capabilities.expiration;
  if (!offered.includes(value)) {
    const service = serviceOf(descriptor);
    const choices = offered.map((c) => EXPIRATION_LABELS[c]);
    throw new UploadError(
      UploadErrorCode.unsupported,
      offered.length === 0
        ? `${service.label} keeps images until they are deleted; it has no expiration. Choose Never.`
        : `${service.label} cannot delete images after ${EXPIRATION_LABELS[value] ?? JSON.stringify(value)}; it offers ${choices.join(', ')}, or Never.`,
      { service: service.id, retry: { kind: 'never' } },
    );
  }
  return value;
}

/**
 * Refuses, before any byte is sent, what the service would refuse after receiving it all: a file
 * over its size limit, or something that is not an image for an image host.
 */
export function checkSource(descriptor: UploaderDescriptor, source: UploadSource): void {
  const service = serviceOf(descriptor);
  if (source.kind === 'url') {
    if (!/^https?:\/\//i.test(source.url)) {
      throw new UploadError(UploadErrorCode.badRequest, `${service.label} can only fetch http:// or https:// links; got ${JSON.stringify(source.url.slice(0, 100))}.`, {
        service: service.id,
        retry: { kind: 'never' },
      });
    }
    return;
  }
  checkAdmission(descriptor, source);
}

/** Something this service cannot do at all (a link where it only takes files). */
export function unsupportedSource(service: ServiceRef, what: string): UploadError {
  return new UploadError(UploadErrorCode.unsupported, `${service.label} ${what}`, { service: service.id, retry: { kind: 'never' } });
}
