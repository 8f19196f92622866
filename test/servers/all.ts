/**
 * All five stand-ins at once, with fixed test credentials, for the CLI tests, the benchmarks and
 * manual checks (`npm run standins`). `settings` are ready for `shotput --set`.
 */
import { startChevereto } from './chevereto.js';
import { startGroupme } from './groupme.js';
import { startImgbb } from './imgbb.js';
import { startImgur } from './imgur.js';
import type { RecordedRequest, StandIn } from './kit/stand-in.js';

export const STANDIN_CREDENTIALS = {
  imge: { apiKey: 'chv_standin_imge_0123456789' },
  chevereto: { apiKey: 'chv_standin_self_0123456789' },
  imgbb: { apiKey: 'standin0imgbb0key0123456789abcd' },
  imgur: { clientId: 'standinclient01', clientSecret: 'standin0client0secret0123456789' },
  groupme: { accessToken: 'standin-groupme-token' },
} as const;

export interface StandIns {
  imge: StandIn;
  chevereto: StandIn;
  imgbb: StandIn;
  imgur: Awaited<ReturnType<typeof startImgur>>;
  groupme: StandIn;
  /** `uploaders.<id>.<field>=<value>` for every uploader, pointing at these servers. */
  settings(): string[];
  close(): Promise<void>;
}

export async function startAllStandIns(options: { basePort?: number; onRequest?(r: RecordedRequest): void; maxBytes?: number } = {}): Promise<StandIns> {
  const listen = (i: number) => ({ port: options.basePort ? options.basePort + i : 0, onRequest: options.onRequest });
  const c = STANDIN_CREDENTIALS;
  const big = options.maxBytes;
  const [imge, chevereto, imgbb, imgur, groupme] = await Promise.all([
    startChevereto({ name: 'imge', keys: { [c.imge.apiKey]: {} }, maxBytes: big }, listen(0)),
    startChevereto({ name: 'chevereto', keys: { [c.chevereto.apiKey]: { urlUploads: true } }, maxBytes: big }, listen(1)),
    startImgbb({ keys: [c.imgbb.apiKey], maxBytes: big }, listen(2)),
    // Shotput's default callback port, so "Connect account" works against it unchanged.
    startImgur({ clients: { [c.imgur.clientId]: { secret: c.imgur.clientSecret, callback: 'http://127.0.0.1:47613/imgur/callback' } }, maxBytes: big }, listen(3)),
    startGroupme({ tokens: { [c.groupme.accessToken]: { name: 'Stand-in User' } }, maxBytes: big }, listen(4)),
  ]);
  const all = [imge, chevereto, imgbb, imgur, groupme];
  return {
    imge,
    chevereto,
    imgbb,
    imgur,
    groupme,
    settings: () => [
      `uploaders.imge.baseUrl=${imge.url}`,
      `uploaders.imge.apiKey=${c.imge.apiKey}`,
      `uploaders.chevereto.baseUrl=${chevereto.url}`,
      `uploaders.chevereto.apiKey=${c.chevereto.apiKey}`,
      `uploaders.imgbb.baseUrl=${imgbb.url}`,
      `uploaders.imgbb.apiKey=${c.imgbb.apiKey}`,
      `uploaders.imgur.baseUrl=${imgur.url}`,
      `uploaders.imgur.clientId=${c.imgur.clientId}`,
      `uploaders.imgur.clientSecret=${c.imgur.clientSecret}`,
      `uploaders.groupme.baseUrl=${groupme.url}`,
      `uploaders.groupme.apiBaseUrl=${groupme.url}`,
      `uploaders.groupme.accessToken=${c.groupme.accessToken}`,
    ],
    close: async () => void (await Promise.all(all.map((s) => s.close()))),
  };
}
