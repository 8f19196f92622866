import pkg from '../../package.json' with { type: 'json' };

export const SHOTPUT_VERSION: string = pkg.version;
