/**
 * `{regex:…}` patterns are .NET regular expressions. Most are also JavaScript ones; the common
 * .NET-only spellings are translated: leading inline options `(?i)`, `(?'name'…)` groups, and
 * the anchors `\A`, `\Z`, `\z`.
 */
import { createContext, runInContext } from 'node:vm';
import { memoize } from './memo.js';

export class RegexProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexProblem';
  }
}

const compiled = memoize<RegExp>();

export function toJsRegExp(pattern: string): RegExp {
  return compiled(pattern, () => translate(pattern));
}

function translate(pattern: string): RegExp {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsxn]+)\)/.exec(source);
  if (inline) {
    for (const option of inline[1]!) {
      if (option === 'x') throw new RegexProblem(`the .NET option (?x) in /${pattern}/ has no JavaScript equivalent; remove it and the spaces it allowed`);
      if (option === 'n') continue; // explicit capture only: numbering may differ, matching does not
      if (!flags.includes(option)) flags += option;
    }
    source = source.slice(inline[0].length);
  }
  source = source
    .replace(/\(\?'([A-Za-z_][A-Za-z0-9_]*)'/g, '(?<$1>')
    .replace(/(?<!\\)((?:\\\\)*)\\A/g, '$1^')
    .replace(/(?<!\\)((?:\\\\)*)\\[Zz]/g, '$1$');
  try {
    return new RegExp(source, flags);
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: /, '');
    throw new RegexProblem(`/${pattern}/ is not a regular expression Shotput can run (${reason})`);
  }
}

/** How long one pattern may run over one text. ShareX's patterns take microseconds. */
export const REGEX_BUDGET_MS = 250;

const sandbox = createContext(Object.create(null) as object);

/**
 * Runs `regex` over `input` with a time budget. A pattern from a .sxcu file or from the host's
 * own reply can backtrack for minutes on a few dozen characters (`^(a+)+$`), which would freeze
 * the app's main process; V8 interrupts a script run with a timeout even inside the regex engine.
 * A linear-time engine (RE2) would refuse the lookarounds and backreferences ShareX (.NET) users
 * write, and a worker would make every `{regex}` asynchronous: the budget keeps both.
 */
export function boundedExec(regex: RegExp, input: string): RegExpExecArray | null {
  const box = sandbox as { run?: () => RegExpExecArray | null };
  regex.lastIndex = 0;
  box.run = () => regex.exec(input);
  try {
    return runInContext('run()', sandbox, { timeout: REGEX_BUDGET_MS }) as RegExpExecArray | null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new RegexProblem(
        `/${regex.source}/ took longer than ${REGEX_BUDGET_MS} ms on the reply and was stopped (it backtracks too much: simplify it, e.g. (a+)+ to a+)`,
      );
    }
    throw err;
  } finally {
    box.run = undefined;
  }
}

/** The first match's whole text, or one group by number or name; '' for a group that did not take part. */
export function regexMatch(input: string, pattern: string, group: string): string | undefined {
  const match = boundedExec(toJsRegExp(pattern), input);
  if (!match) return undefined;
  if (group === '') return match[0];
  if (/^\d+$/.test(group)) return match[Number(group)] ?? '';
  return match.groups?.[group] ?? '';
}
