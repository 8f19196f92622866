/**
 * Stand-in for Imgur API v3 (docs/api-contracts.md §3): Client-ID or Bearer auth, uploads at
 * /3/image and /3/upload, deletehashes, albums (anonymous by deletehash, or the account's),
 * account listings, the OAuth2 authorize redirect (token in the fragment) and token endpoint,
 * "The access token provided is invalid." on a stale token, and rate-limit headers on every
 * answer with 429 when a budget is spent.
 */
import { randomBytes } from 'node:crypto';
import { jsonReply, startStandIn, type RecordedFile, type ServiceDefinition, type StandIn, type StandInRequest, type StandInResponse, type ListenOptions } from './kit/stand-in.js';

export interface ImgurClient {
  secret: string;
  /** The callback URL registered for the application; Imgur always redirects there. */
  callback?: string;
}

export interface ImgurOptions {
  clients: Record<string, ImgurClient>;
  /** The one account that authorizes (username). */
  account?: string;
  /** Access token lifetime in seconds, as `expires_in` says. */
  tokenLifetime?: number;
  /** The user refuses on the authorize page. */
  deny?: boolean;
  /** Budgets: requests per user and per client, uploads (POSTs) per hour. */
  limits?: { user?: number; client?: number; post?: number };
  maxBytes?: number;
}

export interface ImgurImage {
  id: string;
  deletehash: string;
  owner?: string;
  title: string | null;
  description: string | null;
  name: string | null;
  type: string;
  width: number;
  height: number;
  size: number;
  datetime: number;
  link: string;
  file?: RecordedFile;
  source?: string;
}

export interface ImgurAlbum {
  id: string;
  deletehash: string;
  owner?: string;
  title: string | null;
  description: string | null;
  privacy: string;
  images: string[];
  datetime: number;
}

type Caller = { kind: 'client'; clientId: string } | { kind: 'user'; clientId: string; user: string };

const error = (status: number, message: string, req: StandInRequest, headers: Record<string, string> = {}): StandInResponse =>
  jsonReply(status, { data: { error: message, request: req.record.path, method: req.record.method }, success: false, status }, headers);
const ok = (data: unknown) => jsonReply(200, { data, success: true, status: 200 });
const id = (n = 7) => randomBytes(24).toString('base64url').replace(/[-_]/g, 'x').slice(0, n);

export function imgurService(options: ImgurOptions) {
  const account = options.account ?? 'ada';
  const accountId = 48_151_623;
  const images = new Map<string, ImgurImage>();
  const albums = new Map<string, ImgurAlbum>();
  const accessTokens = new Map<string, { user: string; clientId: string; expiresAt: number }>();
  const refreshTokens = new Map<string, { user: string; clientId: string }>();
  const lifetime = options.tokenLifetime ?? 3600;
  const limits = { user: options.limits?.user ?? 2000, client: options.limits?.client ?? 12_500, post: options.limits?.post ?? 1250 };
  const budget = { user: limits.user, client: limits.client, post: limits.post };
  const resetAt = { user: Math.floor(Date.now() / 1000) + 3600, post: 3600 };

  const issueTokens = (clientId: string) => {
    const access = randomBytes(20).toString('hex');
    const refresh = randomBytes(20).toString('hex');
    accessTokens.set(access, { user: account, clientId, expiresAt: Date.now() + lifetime * 1000 });
    refreshTokens.set(refresh, { user: account, clientId });
    return { access_token: access, expires_in: lifetime, token_type: 'bearer', scope: null, refresh_token: refresh, account_id: accountId, account_username: account };
  };

  const imageData = (image: ImgurImage, caller?: Caller) => ({
    id: image.id,
    title: image.title,
    description: image.description,
    datetime: image.datetime,
    type: image.type,
    animated: false,
    width: image.width,
    height: image.height,
    size: image.size,
    views: 0,
    bandwidth: 0,
    nsfw: null,
    account_url: image.owner ?? null,
    account_id: image.owner ? accountId : null,
    in_gallery: false,
    // The deletehash is shown to whoever may use it: the uploader, or the owner.
    ...(caller?.kind === 'user' && caller.user === image.owner ? { deletehash: image.deletehash } : {}),
    name: image.name,
    link: image.link,
  });

  const albumData = (album: ImgurAlbum, origin: string) => ({
    id: album.id,
    title: album.title,
    description: album.description,
    datetime: album.datetime,
    cover: album.images[0] ?? null,
    account_url: album.owner ?? null,
    privacy: album.privacy,
    images_count: album.images.length,
    link: `${origin}/a/${album.id}`,
    ...(album.owner ? {} : { deletehash: album.deletehash }),
  });

  const authenticate = (req: StandInRequest): Caller | StandInResponse => {
    const header = req.record.headers.authorization ?? '';
    const clientMatch = /^Client-ID (\S+)$/i.exec(header);
    if (clientMatch) {
      if (!options.clients[clientMatch[1]!]) return error(403, 'Invalid client_id', req);
      return { kind: 'client', clientId: clientMatch[1]! };
    }
    const bearer = /^Bearer (\S+)$/i.exec(header);
    if (bearer) {
      const token = accessTokens.get(bearer[1]!);
      if (!token || token.expiresAt <= Date.now()) return error(403, 'The access token provided is invalid.', req);
      return { kind: 'user', clientId: token.clientId, user: token.user };
    }
    return error(401, 'Authentication required', req);
  };

  const oauth = (req: StandInRequest): StandInResponse => {
    const { record } = req;
    if (record.path === '/oauth2/authorize' && record.method === 'GET') {
      const client = options.clients[record.query.client_id ?? ''];
      if (!client?.callback) return { status: 400, body: '<html><body>Invalid client_id</body></html>', headers: { 'content-type': 'text/html' } };
      if (record.query.response_type !== 'token') {
        return { status: 400, body: '<html><body>Unsupported response_type</body></html>', headers: { 'content-type': 'text/html' } };
      }
      const state = record.query.state;
      if (options.deny) {
        const url = new URL(client.callback);
        url.searchParams.set('error', 'access_denied');
        if (state) url.searchParams.set('state', state);
        return { status: 302, headers: { location: url.href } };
      }
      const tokens = issueTokens(record.query.client_id!);
      const fragment = new URLSearchParams({
        access_token: tokens.access_token,
        expires_in: String(tokens.expires_in),
        token_type: 'bearer',
        refresh_token: tokens.refresh_token,
        account_username: account,
        account_id: String(accountId),
        ...(state ? { state } : {}),
      });
      return { status: 302, headers: { location: `${client.callback}#${fragment}` } };
    }
    if (record.path === '/oauth2/token' && record.method === 'POST') {
      const { client_id, client_secret, grant_type, refresh_token } = record.fields;
      const client = options.clients[client_id ?? ''];
      if (!client || client.secret !== client_secret) return error(400, 'Invalid client credentials', req);
      if (grant_type !== 'refresh_token') return error(400, 'Invalid grant_type parameter or parameter missing', req);
      const known = refreshTokens.get(refresh_token ?? '');
      if (!known || known.clientId !== client_id) return error(400, 'Invalid refresh token', req);
      const tokens = issueTokens(client_id!);
      refreshTokens.delete(refresh_token!);
      return jsonReply(200, tokens);
    }
    return error(404, 'Not found', req);
  };

  const owned = (caller: Caller, owner: string | undefined) => caller.kind === 'user' && caller.user === owner;
  const albumBy = (hash: string, caller: Caller) => {
    for (const album of albums.values()) {
      if (album.deletehash === hash) return album;
      if (album.id === hash && (owned(caller, album.owner) || caller.kind === 'client')) return album;
    }
    return undefined;
  };

  const upload = (req: StandInRequest, caller: Caller): StandInResponse => {
    const { record } = req;
    const file = req.file('image') ?? req.file('video');
    const text = record.fields.image;
    const type = record.fields.type ?? (file ? 'file' : undefined);
    let sniffed = file?.image;
    let size = file?.size ?? 0;
    if (!file) {
      if (!text) return error(400, 'No image data was sent to the upload api', req);
      if (type === 'url' || /^https?:\/\//.test(text)) {
        sniffed = { mime: 'image/jpeg', extension: 'jpg', width: 100, height: 100 };
      } else {
        const bytes = Buffer.from(text, 'base64');
        size = bytes.length;
        sniffed = undefined;
      }
    }
    if (size > (options.maxBytes ?? 10 * 1024 * 1024)) return error(400, 'File is over the size limit', req);
    if (!sniffed) return error(400, 'File type invalid (1)', req);
    const albumRef = record.fields.album;
    let album: ImgurAlbum | undefined;
    if (albumRef) {
      album = caller.kind === 'user' ? [...albums.values()].find((a) => a.id === albumRef && a.owner === caller.user) : [...albums.values()].find((a) => a.deletehash === albumRef);
      if (!album) return error(403, 'You do not have permission to upload to this album', req);
    }
    const imageId = id();
    const image: ImgurImage = {
      id: imageId,
      deletehash: id(15),
      owner: caller.kind === 'user' ? caller.user : undefined,
      title: record.fields.title ?? null,
      description: record.fields.description ?? null,
      name: record.fields.name ?? null,
      type: sniffed.mime,
      width: sniffed.width ?? 0,
      height: sniffed.height ?? 0,
      size,
      datetime: Math.floor(Date.now() / 1000),
      link: `${req.origin}/${imageId}.${sniffed.extension}`,
      file,
      source: type === 'url' ? text : undefined,
    };
    images.set(imageId, image);
    album?.images.push(imageId);
    // The uploader always gets the deletehash back, anonymous or not.
    return ok({ ...imageData(image, caller), deletehash: image.deletehash });
  };

  const api = (req: StandInRequest, caller: Caller): StandInResponse => {
    const { record } = req;
    const path = record.path.replace(/\/+$/, '');
    const m = record.method;
    let match: RegExpExecArray | null;

    if (m === 'POST' && (path === '/3/image' || path === '/3/upload')) return upload(req, caller);
    if (path === '/3/credits' && m === 'GET') {
      return ok({ UserLimit: limits.user, UserRemaining: budget.user, UserReset: resetAt.user, ClientLimit: limits.client, ClientRemaining: budget.client });
    }
    if (path === '/3/account/me' && m === 'GET') {
      if (caller.kind !== 'user') return error(401, 'Authentication required', req);
      return ok({ id: accountId, url: caller.user, bio: null, reputation: 0, created: 1_500_000_000 });
    }
    if ((match = /^\/3\/image\/([^/]+)$/.exec(path))) {
      const hash = match[1]!;
      const image = images.get(hash) ?? [...images.values()].find((i) => i.deletehash === hash);
      if (!image) return error(404, 'Unable to find an image with the id, ' + hash, req);
      if (m === 'GET') return ok(imageData(image, caller));
      if (m === 'DELETE') {
        const byHash = image.deletehash === hash;
        if (!byHash && !owned(caller, image.owner)) return error(403, 'You are not the owner of this image', req);
        images.delete(image.id);
        for (const album of albums.values()) album.images = album.images.filter((i) => i !== image.id);
        return ok(true);
      }
    }
    if (path === '/3/album' && m === 'POST') {
      const ids = req.all('ids[]').concat(req.all('ids'));
      const hashes = req.all('deletehashes[]').concat(req.all('deletehashes'));
      const found = [...ids.map((i) => images.get(i)), ...hashes.map((h) => [...images.values()].find((i) => i.deletehash === h))];
      if (found.some((i) => !i)) return error(400, 'Invalid image ids', req);
      if (caller.kind === 'user' && ids.some((i) => images.get(i)?.owner !== caller.user)) return error(403, 'You are not the owner of these images', req);
      const album: ImgurAlbum = {
        id: id(),
        deletehash: id(15),
        owner: caller.kind === 'user' ? caller.user : undefined,
        title: record.fields.title ?? null,
        description: record.fields.description ?? null,
        privacy: record.fields.privacy ?? 'hidden',
        images: found.map((i) => i!.id),
        datetime: Math.floor(Date.now() / 1000),
      };
      albums.set(album.id, album);
      return ok({ id: album.id, deletehash: album.deletehash });
    }
    if ((match = /^\/3\/album\/([^/]+)(?:\/(images|add|remove_images))?$/.exec(path))) {
      const album = albumBy(match[1]!, caller);
      const action = match[2];
      if (!album) return error(404, 'Unable to find an album with the id, ' + match[1], req);
      if (m === 'GET' && !action) return ok(albumData(album, req.origin));
      if (m === 'GET' && action === 'images') return ok(album.images.map((i) => images.get(i)).filter(Boolean).map((i) => imageData(i!, caller)));
      const mayEdit = album.deletehash === match[1] || owned(caller, album.owner);
      if (!mayEdit) return error(403, 'You do not have permission to edit this album', req);
      if (action === 'add' && (m === 'POST' || m === 'PUT')) {
        const add = caller.kind === 'user' && album.owner ? req.all('ids[]').concat(req.all('ids')) : req.all('deletehashes[]').map((h) => [...images.values()].find((i) => i.deletehash === h)?.id ?? '!');
        if (add.some((i) => !images.has(i))) return error(400, 'Invalid image ids', req);
        album.images.push(...add.filter((i) => !album.images.includes(i)));
        return ok(true);
      }
      if (action === 'remove_images' && (m === 'POST' || m === 'DELETE')) {
        const remove = m === 'DELETE' ? (record.query.ids ?? '').split(',') : req.all('ids[]').concat(req.all('ids'));
        album.images = album.images.filter((i) => !remove.includes(i));
        return ok(true);
      }
      if (m === 'DELETE' && !action) {
        albums.delete(album.id);
        return ok(true);
      }
      // Update: `ids[]` replaces the album's images, in the order given (how an album is reordered).
      if (m === 'PUT' && !action) {
        const ids = req.all('ids[]').concat(req.all('ids'));
        if (ids.length > 0) {
          if (ids.some((i) => !images.has(i))) return error(400, 'Invalid image ids', req);
          album.images = [...new Set(ids)];
        }
        if (record.fields.title !== undefined) album.title = record.fields.title;
        return ok(true);
      }
    }
    if ((match = /^\/3\/account\/me\/(albums|images)(?:\/(\d+))?$/.exec(path)) && m === 'GET') {
      if (caller.kind !== 'user') return error(401, 'Authentication required', req);
      const page = Number(match[2] ?? 0);
      const perPage = Math.min(Number(record.query.perPage ?? 50), 100);
      if (match[1] === 'albums') {
        const mine = [...albums.values()].filter((a) => a.owner === caller.user).sort((a, b) => b.datetime - a.datetime);
        return ok(mine.slice(page * 50, page * 50 + 50).map((a) => ({ ...albumData(a, req.origin), deletehash: a.deletehash })));
      }
      const mine = [...images.values()].filter((i) => i.owner === caller.user).sort((a, b) => b.datetime - a.datetime);
      return ok(mine.slice(page * perPage, page * perPage + perPage).map((i) => imageData(i, caller)));
    }
    return error(404, 'Not found', req);
  };

  const rateHeaders = (req: StandInRequest): Record<string, string> => {
    if (!req.record.path.startsWith('/3/')) return {};
    const headers: Record<string, string> = {
      'x-ratelimit-userlimit': String(limits.user),
      'x-ratelimit-userremaining': String(budget.user),
      'x-ratelimit-userreset': String(resetAt.user),
      'x-ratelimit-clientlimit': String(limits.client),
      'x-ratelimit-clientremaining': String(budget.client),
    };
    if (req.record.method === 'POST') {
      headers['x-post-rate-limit-limit'] = String(limits.post);
      headers['x-post-rate-limit-remaining'] = String(budget.post);
      headers['x-post-rate-limit-reset'] = String(resetAt.post);
    }
    return headers;
  };

  const service: ServiceDefinition = {
    name: 'imgur',
    handle(req) {
      if (req.record.path.startsWith('/oauth2/')) return oauth(req);
      if (!req.record.path.startsWith('/3/')) return error(404, 'Not found', req);
      const caller = authenticate(req);
      if ('status' in caller) return caller;
      if (budget.user <= 0 || budget.client <= 0 || (req.record.method === 'POST' && budget.post <= 0)) {
        return error(429, 'Too Many Requests', req);
      }
      budget.user--;
      budget.client--;
      if (req.record.method === 'POST') budget.post--;
      return api(req, caller);
    },
    rateLimited(req, resetSeconds) {
      const reset = Math.floor(Date.now() / 1000) + resetSeconds;
      return error(429, 'Too Many Requests', req, {
        'x-ratelimit-userlimit': String(limits.user),
        'x-ratelimit-userremaining': '0',
        'x-ratelimit-userreset': String(reset),
        'x-ratelimit-clientlimit': String(limits.client),
        'x-ratelimit-clientremaining': String(budget.client),
        'x-post-rate-limit-limit': String(limits.post),
        'x-post-rate-limit-remaining': '0',
        'x-post-rate-limit-reset': String(resetSeconds),
      });
    },
    commonHeaders: rateHeaders,
  };

  return {
    service,
    images,
    albums,
    /** Makes every access token stale, as when Imgur expires one early. */
    expireAccessTokens() {
      for (const token of accessTokens.values()) token.expiresAt = 0;
    },
    /** Sets the remaining budgets (to watch "uploads left" or force a 429). */
    setBudget(next: Partial<typeof budget>) {
      Object.assign(budget, next);
    },
    /** Creates an account album directly, as if made on imgur.com. */
    addAlbum(title: string): ImgurAlbum {
      const album: ImgurAlbum = { id: id(), deletehash: id(15), owner: account, title, description: null, privacy: 'hidden', images: [], datetime: Math.floor(Date.now() / 1000) };
      albums.set(album.id, album);
      return album;
    },
    /** Issues a refresh token as if the account had been connected before. */
    grantRefreshToken(clientId: string): string {
      return issueTokens(clientId).refresh_token;
    },
  };
}

export type ImgurStandIn = StandIn & Omit<ReturnType<typeof imgurService>, 'service'>;

export async function startImgur(options: ImgurOptions, listen: ListenOptions = {}): Promise<ImgurStandIn> {
  const { service, ...state } = imgurService(options);
  return Object.assign(await startStandIn(service, listen), state);
}
