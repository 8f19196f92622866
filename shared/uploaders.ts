/**
 * Uploaders, the Imgur account and albums as the renderer sees them. Plain data, shared by both
 * ends of IPC; no secret ever appears here.
 */

export interface UploaderInfo {
  id: string;
  label: string;
  /** Shipped with Shotput, as opposed to a `custom:<name>` import. */
  builtIn: boolean;
  /** The Settings section that holds its fields. */
  settingsSection: string;
  /** Has a cheap "Test connection". */
  canVerify: boolean;
  capabilities: {
    albums: boolean;
    delete: boolean;
    remoteUrl: boolean;
    expiration: string[];
    maxBytes: number;
    preferredFormat?: string;
    accepts: 'image' | 'any';
  };
}

export interface UploadsLeft {
  remaining: number;
  limit: number;
  /** ISO time the budget refills, when the service says. */
  resetAt?: string;
}

export interface ImgurStatus {
  connected: boolean;
  /** The account's name, once connected. */
  username?: string;
  /** Waiting for the user to answer on Imgur's page. */
  connecting: boolean;
  /** The page to open if the browser did not (while connecting). */
  authorizeUrl?: string;
  /** Whether the application's Client ID is set (needed for everything). */
  clientIdSet: boolean;
  uploadsLeft?: UploadsLeft;
  /** Why the last connection attempt failed. */
  error?: { code: string; message: string };
}

export interface AlbumInfo {
  id: string;
  title: string;
  /** An anonymous Imgur album is managed by this: the only way back to it, so it is kept. */
  deleteHash?: string;
  imageCount?: number;
  link?: string;
  privacy?: string;
}

export interface AlbumImage {
  id: string;
  url: string;
  thumbnailUrl?: string;
  viewerUrl?: string;
}

export const ALBUM_PRIVACY = ['public', 'hidden', 'secret'] as const;
