import { formatBytes } from '../../shared/format.js';

/**
 * Upload progress on stderr: a line redrawn in place in a terminal; in a pipe or a log, one line
 * per quarter, so scripts' logs stay short.
 */
export class ProgressPrinter {
  private readonly lastQuarter = new Map<string, number>();
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  update(name: string, sent: number, total: number): void {
    const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
    const line = `${name}: ${percent}% (${formatBytes(sent)} of ${formatBytes(total)})`;
    if (this.tty) {
      this.write(`\r\x1b[2K${line}`);
      this.drawn = true;
      return;
    }
    const quarter = Math.floor(percent / 25);
    if ((this.lastQuarter.get(name) ?? -1) >= quarter) return;
    this.lastQuarter.set(name, quarter);
    this.write(`${line}\n`);
  }

  /** A message that must not be drawn over. */
  line(text: string): void {
    if (this.drawn) this.write('\r\x1b[2K');
    this.drawn = false;
    this.write(`${text}\n`);
  }
}
