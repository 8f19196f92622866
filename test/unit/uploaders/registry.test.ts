import { describe, expect, it } from 'vitest';
import type { Uploader } from '../../../electron/core/uploaders/types.js';
import { openTestCore } from '../../support/core.js';
import { tempProfile } from '../../support/profile.js';

function custom(name: string, fields: Uploader['descriptor']['settings'] = []): Uploader {
  return {
    descriptor: {
      id: `custom:${name}`,
      label: `My ${name}`,
      settings: fields,
      capabilities: { albums: false, delete: false, remoteUrl: false, expiration: [], maxBytes: 1024, accepts: 'any' },
    },
    upload: async () => ({ url: 'https://example.com/x.png' }),
  };
}

describe('uploader registry in the core', () => {
  it('lists the built-in uploaders, each with its settings section', async () => {
    const core = await openTestCore(await tempProfile());
    const ids = core.uploaders.list().map((u) => u.descriptor.id);
    expect(ids.slice(0, 2)).toEqual(['imge', 'chevereto']);
    const sections = core.settings.describe();
    for (const id of ids) expect(sections.find((s) => s.id === `uploaders.${id}`)?.fields.length).toBeGreaterThan(0);
    const general = sections.find((s) => s.id === 'general')!;
    expect(general.fields.find((f) => f.key === 'defaultUploader')?.choices?.map((c) => c.value)).toEqual(ids);
  });

  it('names the known uploaders when asked for an unknown one', async () => {
    const core = await openTestCore(await tempProfile());
    expect(() => core.uploaders.get('flickr')).toThrow(/^There is no uploader "flickr"\. Known uploaders: imge, chevereto/);
    expect(() => core.uploaders.get('flickr')).toThrow(expect.objectContaining({ code: 'unknown_uploader' }));
  });

  it('registers a custom uploader: its settings appear, it can become the default, and it goes away again', async () => {
    const core = await openTestCore(await tempProfile());
    const orderBefore = core.settings.describe().map((s) => s.id);
    core.uploaders.register(custom('pics', [{ key: 'uploaders.custom:pics.token', label: 'Token', kind: 'secret' }]));
    expect(core.uploaders.get('custom:pics').descriptor.label).toBe('My pics');
    expect(core.settings.describe().map((s) => s.id)).toEqual([...orderBefore, 'uploaders.custom:pics']);
    await core.settings.set('defaultUploader', 'custom:pics');
    await core.uploadContext('custom:pics').config.setSecret('token', 's3cret');
    expect(await core.settings.getSecret('uploaders.custom:pics.token')).toBe('s3cret');

    expect(core.uploaders.unregister('custom:pics')).toBe(true);
    expect(core.settings.describe().map((s) => s.id)).toEqual(orderBefore);
    await expect(core.settings.set('defaultUploader', 'custom:pics')).rejects.toThrow('must be one of: imge, chevereto');
    expect(() => core.settings.field('uploaders.custom:pics.token')).toThrow('There is no setting named');
  });

  it('refuses ids and settings that would collide with the built-in ones', async () => {
    const core = await openTestCore(await tempProfile());
    const fake = custom('x');
    expect(() => core.uploaders.register({ ...fake, descriptor: { ...fake.descriptor, id: 'imge' } })).toThrow('need an id of the form custom:<name>; got "imge"');
    expect(() => core.uploaders.register(custom('x', [{ key: 'uploaders.imge.apiKey', label: 'Key', kind: 'secret' }]))).toThrow(
      'The setting "uploaders.imge.apiKey" of uploader "custom:x" must be named uploaders.custom:x.<field>.',
    );
    expect(() => core.uploaders.unregister('imge')).toThrow('"imge" is built into Shotput and cannot be removed.');
  });

  it('gives uploaders their own settings, one-run overrides included', async () => {
    const core = await openTestCore(await tempProfile());
    const config = core.uploadContext('imge').config;
    expect(config.get('baseUrl')).toBe('https://im.ge');
    core.settings.override('uploaders.imge.baseUrl', 'http://127.0.0.1:9');
    core.settings.override('uploaders.imge.apiKey', 'K');
    expect(config.get('baseUrl')).toBe('http://127.0.0.1:9');
    expect(await config.getSecret('apiKey')).toBe('K');
  });
});
