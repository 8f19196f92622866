/**
 * ShareX's `{name:arg1|arg2}` syntax, parsed into a tree before anything runs, so a file can be
 * checked when it is imported (unknown function, missing parameters, a brace left open) rather
 * than failing in the middle of an upload.
 *
 * Same reading as ShareX's ShareXSyntaxParser: `\` takes the next character literally, calls
 * nest anywhere inside parameters, names are case-insensitive. Two differences, both refusals of
 * input ShareX silently truncates: an unescaped `}` or `|` outside a call, and a call whose `}`
 * is missing.
 */

export type FunctionName =
  | 'response'
  | 'responseurl'
  | 'header'
  | 'json'
  | 'xml'
  | 'regex'
  | 'filename'
  | 'input'
  | 'random'
  | 'select'
  | 'inputbox'
  | 'outputbox'
  | 'base64';

export interface FunctionInfo {
  name: FunctionName;
  aliases: readonly string[];
  minParams: number;
  example: string;
  /** Whether a call with this many parameters reads the HTTP response (so it only works after the upload). */
  readsResponse(paramCount: number): boolean;
  /** It asks the user: answers are collected before the upload is queued. */
  asks: boolean;
}

const fn = (
  name: FunctionName,
  example: string,
  options: Partial<Pick<FunctionInfo, 'aliases' | 'minParams' | 'asks'>> & { reads?: (n: number) => boolean } = {},
): FunctionInfo => ({
  name,
  example,
  aliases: options.aliases ?? [],
  minParams: options.minParams ?? 0,
  asks: options.asks ?? false,
  readsResponse: options.reads ?? (() => false),
});

export const FUNCTIONS: readonly FunctionInfo[] = [
  fn('response', '{response}', { reads: () => true }),
  fn('responseurl', '{responseurl}', { reads: () => true }),
  fn('header', '{header:Location}', { minParams: 1, reads: () => true }),
  fn('json', '{json:data.url}', { minParams: 1, reads: (n) => n < 2 }),
  fn('xml', '{xml:/files/file[1]/url}', { minParams: 1, reads: (n) => n < 2 }),
  fn('regex', '{regex:href="(.+)"|1}', { minParams: 1, reads: (n) => n < 3 }),
  fn('filename', '{filename}'),
  fn('input', '{input}'),
  fn('random', '{random:a.example|b.example}', { minParams: 2 }),
  fn('select', '{select:a.example|b.example}', { minParams: 1, asks: true }),
  fn('inputbox', '{inputbox:Title|default}', { aliases: ['prompt'], asks: true }),
  fn('outputbox', '{outputbox:Title|text}', { minParams: 1 }),
  fn('base64', '{base64:user:password}', { minParams: 1 }),
];

export function functionInfo(name: FunctionName): FunctionInfo {
  return FUNCTIONS.find((f) => f.name === name)!;
}

function lookupFunction(written: string): FunctionInfo | undefined {
  const lower = written.toLowerCase();
  return FUNCTIONS.find((f) => f.name === lower || f.aliases.includes(lower));
}

export interface TextNode {
  kind: 'text';
  text: string;
}

export interface CallNode {
  kind: 'call';
  name: FunctionName;
  /** As written, for messages: `Json`, `prompt`. */
  written: string;
  /** undefined for `{name}`, a list (possibly of one empty parameter) for `{name:…}`. */
  params: SyntaxNode[][] | undefined;
  /** Offset of the `{` in the source. */
  at: number;
}

export type SyntaxNode = TextNode | CallNode;

/** A problem in a value, with the character offset where it is. */
export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'SyntaxProblem';
  }
}

const START = '{';
const END = '}';
const PARAM_START = ':';
const DELIMITER = '|';
const ESCAPE = '\\';

export function parseSyntax(source: string): SyntaxNode[] {
  const parser = new Parser(source);
  const nodes = parser.sequence(false);
  return nodes;
}

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  /** Text and calls up to the end, or (inside a parameter) up to an unescaped `|` or `}`. */
  sequence(inParameter: boolean): SyntaxNode[] {
    const nodes: SyntaxNode[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ESCAPE) {
        // A trailing backslash escapes nothing and is dropped, as in ShareX.
        if (this.i + 1 < this.s.length) text += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === START) {
        flush();
        nodes.push(this.call());
        continue;
      }
      if (c === END || c === DELIMITER) {
        if (inParameter) break;
        throw new SyntaxProblem(
          `an unescaped "${c}" at character ${this.i + 1} would end the value there (ShareX drops the rest); write \\${c} for a literal ${c}`,
          this.i,
        );
      }
      text += c;
      this.i++;
    }
    flush();
    return nodes;
  }

  private call(): CallNode {
    const at = this.i;
    this.i++;
    let written = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ESCAPE) {
        written += this.s[this.i + 1] ?? '';
        this.i += 2;
        continue;
      }
      if (c === END || c === PARAM_START) break;
      if (c === START) throw new SyntaxProblem(`a function name cannot contain a call ("{" at character ${this.i + 1})`, this.i);
      if (c === DELIMITER) {
        throw new SyntaxProblem(`"${written}|" at character ${at + 1}: a function's parameters start with ":", as in {${written}:a|b}`, this.i);
      }
      written += c;
      this.i++;
    }
    if (this.i >= this.s.length) throw this.unclosed(written, at);
    if (written === '') throw new SyntaxProblem(`"{}" at character ${at + 1} names no function; write \\{\\} for literal braces`, at);
    const info = lookupFunction(written);
    if (!info) {
      throw new SyntaxProblem(
        `{${written}} at character ${at + 1} is not a ShareX function (known: ${FUNCTIONS.map((f) => f.name).join(', ')}); write \\{ for a literal brace`,
        at,
      );
    }
    let params: SyntaxNode[][] | undefined;
    if (this.s[this.i] === PARAM_START) {
      params = [];
      do {
        this.i++;
        params.push(this.sequence(true));
      } while (this.s[this.i] === DELIMITER);
      if (this.i >= this.s.length) throw this.unclosed(written, at);
    }
    this.i++; // the closing brace
    const count = params?.length ?? 0;
    if (count < info.minParams) {
      throw new SyntaxProblem(
        `{${written}} at character ${at + 1} needs at least ${info.minParams} parameter${info.minParams > 1 ? 's' : ''}, as in ${info.example}`,
        at,
      );
    }
    return { kind: 'call', name: info.name, written, params, at };
  }

  private unclosed(written: string, at: number): SyntaxProblem {
    return new SyntaxProblem(`the call {${written} that starts at character ${at + 1} has no closing "}"`, at);
  }
}

/** Every call in the tree, outermost first. */
export function* walkCalls(nodes: readonly SyntaxNode[]): Generator<CallNode> {
  for (const node of nodes) {
    if (node.kind !== 'call') continue;
    yield node;
    for (const param of node.params ?? []) yield* walkCalls(param);
  }
}

/** The text of nodes that contain no call, or undefined when they do. */
export function staticText(nodes: readonly SyntaxNode[]): string | undefined {
  let text = '';
  for (const node of nodes) {
    if (node.kind === 'call') return undefined;
    text += node.text;
  }
  return text;
}

/** Writes literal text so the syntax parser reads it back unchanged. */
export function escapeSyntax(text: string): string {
  return text.replace(/[\\{}|]/g, (c) => `\\${c}`);
}
