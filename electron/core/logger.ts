export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function consoleLogger(prefix = 'shotput'): Logger {
  return {
    info: (m) => console.log(`[${prefix}] ${m}`),
    warn: (m) => console.warn(`[${prefix}] ${m}`),
    error: (m) => console.error(`[${prefix}] ${m}`),
  };
}
