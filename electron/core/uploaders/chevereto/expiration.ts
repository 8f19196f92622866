import type { ExpirationChoice } from '../types.js';

/**
 * The expiration values Chevereto really accepts (app/src/Legacy/Classes/Image.php, 4.0–4.2),
 * one per human choice. IM.GE's own API page lists `PT1D`, `PT12D`, `PT5M` for 5 months and so
 * on: in ISO 8601 `PT5M` is five minutes, and 4.2 turns anything it cannot parse into five
 * minutes too, so an image meant to live five months would vanish in five minutes. Never `PT…`
 * for days and longer.
 */
export const CHEVERETO_EXPIRATION: Readonly<Record<Exclude<ExpirationChoice, 'never'>, string>> = {
  '5m': 'PT5M',
  '15m': 'PT15M',
  '30m': 'PT30M',
  '1h': 'PT1H',
  '3h': 'PT3H',
  '6h': 'PT6H',
  '12h': 'PT12H',
  '1d': 'P1D',
  '2d': 'P2D',
  '3d': 'P3D',
  '4d': 'P4D',
  '5d': 'P5D',
  '6d': 'P6D',
  '1w': 'P1W',
  '2w': 'P2W',
  '3w': 'P3W',
  '1mo': 'P1M',
  '2mo': 'P2M',
  '3mo': 'P3M',
  '4mo': 'P4M',
  '5mo': 'P5M',
  '6mo': 'P6M',
  '1y': 'P1Y',
};

export const CHEVERETO_EXPIRATION_CHOICES = Object.keys(CHEVERETO_EXPIRATION) as Array<Exclude<ExpirationChoice, 'never'>>;
