/**
 * Files written by ShareX 13.7.1 and older use `$name$` / `$name:args$`, with regular expressions
 * kept in a separate RegexList and referenced as `$regex:1|2$` (pattern 1, group 2). They are
 * rewritten into the current `{…}` syntax when read, so the rest of Shotput knows one syntax.
 *
 * ShareX's own migration leaves RegexList references broken and drops escaped characters; this
 * one carries the pattern into the call and keeps every literal character.
 */
import { escapeSyntax, SyntaxProblem } from './syntax.js';

const ESCAPED_PERCENT = '\uE001';

type Converter = (args: string | undefined, regexList: readonly string[]) => string;

const plain =
  (name: string): Converter =>
  () =>
    `{${name}}`;

/** Old functions whose argument was taken whole (a `|` inside it was literal). */
const whole =
  (name: string): Converter =>
  (args) =>
    args === undefined || args === '' ? `{${name}}` : `{${name}:${escapeSyntax(args)}}`;

/** Old functions that split their argument on `|`. */
const list =
  (name: string): Converter =>
  (args) =>
    `{${name}:${(args ?? '').split('|').map(escapeSyntax).join('|')}}`;

const CONVERTERS: Array<[string, Converter]> = [
  ['responseurl', plain('responseurl')],
  ['response', plain('response')],
  ['header', whole('header')],
  ['regex', regex],
  ['json', whole('json')],
  ['xml', whole('xml')],
  ['input', plain('input')],
  ['filename', plain('filename')],
  [
    'random',
    (args) => {
      const values = (args ?? '').split('|');
      // {random:…} needs two choices; a random pick of one value is that value.
      return values.length === 1 ? escapeSyntax(values[0]!) : list('random')(args, []);
    },
  ],
  ['select', list('select')],
  [
    'prompt',
    (args) => {
      if (args === undefined || args === '') return '{inputbox}';
      const bar = args.indexOf('|');
      return bar === -1 ? `{inputbox:${escapeSyntax(args)}}` : `{inputbox:${escapeSyntax(args.slice(0, bar))}|${escapeSyntax(args.slice(bar + 1))}}`;
    },
  ],
  ['base64', whole('base64')],
];

function regex(args: string | undefined, regexList: readonly string[]): string {
  const match = /^(\d+)(?:[|,](.*))?$/s.exec(args ?? '');
  if (!match) throw new Error(`$regex:${args ?? ''}$ must name a RegexList entry by number, as in $regex:1$ or $regex:1|2$`);
  const index = Number(match[1]);
  const pattern = regexList[index - 1];
  if (pattern === undefined) {
    throw new Error(`$regex:${args}$ refers to RegexList entry ${index}, but the file's RegexList has ${regexList.length} entr${regexList.length === 1 ? 'y' : 'ies'}`);
  }
  const group = match[2];
  return group === undefined || group === '' ? `{regex:${escapeSyntax(pattern)}}` : `{regex:${escapeSyntax(pattern)}|${escapeSyntax(group)}}`;
}

function convertCall(syntax: string, regexList: readonly string[]): string {
  for (const [keyword, convert] of CONVERTERS) {
    const lower = syntax.toLowerCase();
    if (lower === keyword) return convert(undefined, regexList);
    if (lower.startsWith(`${keyword}:`)) return convert(syntax.slice(keyword.length + 1), regexList);
  }
  throw new Error(`$${syntax}$ is not an old-syntax function (known: ${CONVERTERS.map(([k]) => k).join(', ')}); write \\$ for a literal dollar sign`);
}

/** Rewrites one value from `$…$` to `{…}`. Throws SyntaxProblem with the offset of the fault. */
export function migrateOldSyntax(value: string, regexList: readonly string[] = []): string {
  let out = '';
  let syntax: string | undefined;
  let syntaxStart = 0;
  for (let i = 0; i < value.length; i++) {
    let c = value[i]!;
    let escaped = false;
    if (c === '\\') {
      if (i + 1 >= value.length) break;
      c = value[++i]!;
      escaped = true;
    } else if (c === '$') {
      if (syntax === undefined) {
        syntax = '';
        syntaxStart = i;
      } else {
        try {
          if (syntax !== '') out += convertCall(syntax, regexList).replaceAll(ESCAPED_PERCENT, '\\%');
        } catch (err) {
          throw new SyntaxProblem((err as Error).message, syntaxStart);
        }
        syntax = undefined;
      }
      continue;
    }
    // An escaped `%` keeps its escape so name patterns still leave it alone.
    if (syntax !== undefined) syntax += escaped && c === '%' ? ESCAPED_PERCENT : c;
    else out += escaped && c === '%' ? '\\%' : escapeSyntax(c);
  }
  if (syntax !== undefined) {
    throw new SyntaxProblem(`the "$" at character ${syntaxStart + 1} opens a function that is never closed with "$"; write \\$ for a literal dollar sign`, syntaxStart);
  }
  return out;
}

/** Data only ever knew `$input$` and `$filename$`, as ShareX migrates it. */
export function migrateOldData(data: string): string {
  return data.replace(/\$input\$/gi, '{input}').replace(/\$filename\$/gi, '{filename}');
}
