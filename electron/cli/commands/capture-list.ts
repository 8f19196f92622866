import type { CaptureService } from '../../core/capture/service.js';
import type { CliContext } from '../context.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => `  ${r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')}`.trimEnd()).join('\n');
}

/** `shotput capture --list`: the source and why, then displays and windows (a table, or one JSON object). */
export async function printCaptureList(ctx: CliContext, capture: CaptureService): Promise<number> {
  const status = capture.status();
  const json = ctx.args.flags.has('json');
  if (status.source === 'none') {
    if (json) ctx.io.stdout(`${JSON.stringify({ source: status, displays: [], windows: [] })}\n`);
    ctx.io.stderr(`shotput capture: nothing can capture the screen here: ${status.reason}\n`);
    return 1;
  }
  const displays = await capture.listDisplays();
  const windows = await capture.listWindows();
  if (json) {
    ctx.io.stdout(`${JSON.stringify({ source: status, displays, windows })}\n`);
    return 0;
  }
  const lines = [
    `Capture source: ${status.label}`,
    `  because: ${status.reason}`,
    '',
    'Displays (--monitor N; positions in physical pixels of the whole screen, for --region):',
    table([
      ['N', 'ID', 'NAME', 'X', 'Y', 'WIDTH', 'HEIGHT', 'SCALE', 'PRIMARY'],
      ...displays.map((d, i) => [String(i), d.id, d.name, String(d.x), String(d.y), String(d.width), String(d.height), String(d.scaleFactor), d.primary ? 'yes' : '']),
    ]),
    '',
  ];
  if (windows.length === 0) lines.push(`Windows: ${status.label} cannot list windows here.`);
  else {
    lines.push(
      'Windows (--window ID, top-most first):',
      table([
        ['ID', 'X', 'Y', 'WIDTH', 'HEIGHT', 'FOCUSED', 'APP', 'TITLE'],
        ...windows.map((w) => [w.id, String(w.x), String(w.y), String(w.width), String(w.height), w.focused ? 'yes' : '', w.app, w.title]),
      ]),
    );
  }
  ctx.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
