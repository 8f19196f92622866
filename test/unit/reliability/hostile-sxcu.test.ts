import { describe, expect, it } from 'vitest';
import type { ResponseInfo } from '../../../electron/core/uploaders/sxcu/evaluate.js';
import { readResponse } from '../../../electron/core/uploaders/sxcu/response.js';
import type { SxcuRunContext } from '../../../electron/core/uploaders/sxcu/scope.js';
import { fixedEnv, sxcuSpec } from '../../support/sxcu.js';

const run: SxcuRunContext = { env: fixedEnv(), answers: new Map() };
const png = { kind: 'file', fileName: 'a.png', mime: 'image/png' } as const;
const reply = (text: string): ResponseInfo => ({ status: 200, text, url: 'https://h.example/up', headers: new Headers() });
const hostReading = (URL: string) => sxcuSpec({ Name: 'hostile', DestinationType: 'ImageUploader', RequestURL: 'https://h.example/up', Body: 'MultipartFormData', FileFormName: 'file', URL });

/** The answer, or the sentence of the error it ended with; never a throw or a hang. */
function outcome(spec: ReturnType<typeof sxcuSpec>, body: string): string {
  const read = readResponse(spec, png, reply(body), run);
  return read.ok ? read.result.url : (read.message ?? `rejected: ${read.kind}`);
}

describe('hostile .sxcu patterns and replies', () => {
  it('stops a catastrophically backtracking {regex} within its time budget and says why', () => {
    const started = process.hrtime.bigint();
    const said = outcome(hostReading('{regex:^(a+)+$}'), `${'a'.repeat(32)}!`);
    const tookMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(said).toMatch(/\/\^\(a\+\)\+\$\/ took longer than \d+ ms on the reply and was stopped/);
    // Generous bound: without a budget this pattern runs for minutes.
    expect(tookMs).toBeLessThan(5_000);
  });

  it('stops a pattern the server itself supplies ({regex:{response}|…})', () => {
    // Long enough to run for minutes on any machine without a budget.
    const evil = `${'a'.repeat(48)}!`;
    const said = outcome(hostReading('{regex:{json:s}|{json:p}|0}'), JSON.stringify({ s: evil, p: '^(a|aa)+$' }));
    expect(said).toMatch(/took longer than \d+ ms/);
  });

  it('still answers ordinary patterns, with groups by number and name', () => {
    expect(outcome(hostReading('{regex:href="([^"]+)"|1}'), '<a href="https://i.example/x.png">x</a>')).toBe('https://i.example/x.png');
    expect(outcome(hostReading('{regex:(?<u>https://[a-z./]+)|u}'), 'link: https://i.example/y.png ok')).toBe('https://i.example/y.png');
  });

  it('reads $..x over a reply nested 100,000 deep without overflowing the stack', () => {
    const deep = `${'{"a":'.repeat(100_000)}{"x":"https://i.example/deep.png"}${'}'.repeat(100_000)}`;
    const said = outcome(hostReading('{json:$..x}'), deep);
    expect(said).not.toMatch(/Maximum call stack|internal/i);
    expect(said).toBe('https://i.example/deep.png');
  });

  it('reads $..* over a reply 300,000 values wide without overflowing, and refuses many matches clearly', () => {
    const wide = JSON.stringify({ list: Array.from({ length: 300_000 }, () => 0) });
    const said = outcome(hostReading('{json:$..*}'), wide);
    expect(said).not.toMatch(/Maximum call stack|internal/i);
    expect(said).toMatch(/matches 300001 values/);
  });

  it('turns a selected value too deep to write out into a clear error', () => {
    const deep = `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const said = outcome(hostReading('{json:x}'), deep);
    expect(said).not.toMatch(/Maximum call stack|internal/i);
    expect(said).toMatch(/nested too deeply/);
  });
});
