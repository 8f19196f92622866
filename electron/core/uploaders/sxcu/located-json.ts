/**
 * A JSON reader that remembers where every value starts, so an error in a .sxcu file can name
 * the line at fault (JSON.parse gives at best a character offset, and nothing once it succeeded).
 * It accepts what ShareX's Newtonsoft.Json accepts in hand-edited files: a byte-order mark,
 * comments, trailing commas and single-quoted strings.
 */

export interface Position {
  line: number;
  column: number;
}

export type JsonNode = Position &
  (
    | { kind: 'object'; entries: JsonEntry[] }
    | { kind: 'array'; items: JsonNode[] }
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number; raw: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' }
  );

export interface JsonEntry {
  key: string;
  /** Where the key starts: the line a person looks at for this field. */
  at: Position;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly at: Position,
  ) {
    super(`${reason} (line ${at.line}, column ${at.column})`);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 64;

export function parseLocatedJson(text: string): JsonNode {
  return new Reader(text).document();
}

/** A short, printable description of a node, for messages such as "got an object". */
export function describeJsonKind(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'number':
      return `the number ${node.raw}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}

class Reader {
  private i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  document(): JsonNode {
    this.skipSpace();
    if (this.i >= this.text.length) throw this.error('The file is empty: a .sxcu file is a JSON object such as {"RequestURL": "…"}');
    const node = this.value(0);
    this.skipSpace();
    if (this.i < this.text.length) throw this.error(`Unexpected ${this.describeHere()} after the end of the JSON object`);
    return node;
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw this.error(`The JSON is nested more than ${MAX_DEPTH} levels deep`);
    const at = this.position();
    const c = this.text[this.i];
    if (c === '{') return { ...at, kind: 'object', entries: this.object(depth, at) };
    if (c === '[') return { ...at, kind: 'array', items: this.array(depth, at) };
    if (c === '"' || c === "'") return { ...at, kind: 'string', value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const raw = this.number();
      return { ...at, kind: 'number', value: Number(raw), raw };
    }
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return { ...at, ...node };
      }
    }
    throw this.error(`Unexpected ${this.describeHere()}: expected a value (text in double quotes, a number, true, false, null, an object or a list)`);
  }

  private object(depth: number, opened: Position): JsonEntry[] {
    const entries: JsonEntry[] = [];
    this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === '}') {
        this.i++;
        return entries;
      }
      if (this.i >= this.text.length) throw this.unclosed('{', '}', opened);
      const at = this.position();
      const quote = this.text[this.i];
      if (quote !== '"' && quote !== "'") {
        throw this.error(`Unexpected ${this.describeHere()}: expected a field name in double quotes or }`);
      }
      const key = this.string();
      this.skipSpace();
      if (this.text[this.i] !== ':') throw this.error(`Unexpected ${this.describeHere()} after the field name "${key}": expected :`);
      this.i++;
      this.skipSpace();
      if (this.i >= this.text.length) throw this.unclosed('{', '}', opened);
      entries.push({ key, at, value: this.value(depth + 1) });
      this.skipSpace();
      const next = this.text[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === '}') continue;
      if (this.i >= this.text.length) throw this.unclosed('{', '}', opened);
      throw this.error(`Unexpected ${this.describeHere()} after the value of "${key}": expected a comma or }`);
    }
  }

  private array(depth: number, opened: Position): JsonNode[] {
    const items: JsonNode[] = [];
    this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === ']') {
        this.i++;
        return items;
      }
      if (this.i >= this.text.length) throw this.unclosed('[', ']', opened);
      items.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === ']') continue;
      if (this.i >= this.text.length) throw this.unclosed('[', ']', opened);
      throw this.error(`Unexpected ${this.describeHere()} in a list: expected a comma or ]`);
    }
  }

  private string(): string {
    const opened = this.position();
    const quote = this.text[this.i++];
    let out = '';
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) throw new JsonSyntaxError('The text that starts here has no closing quote', opened);
      if (c === quote) {
        this.i++;
        return out;
      }
      if (c === '\n' || c === '\r') throw new JsonSyntaxError('The text that starts here runs past the end of the line: close it with a quote, or write a line break as \\n', opened);
      if (c === '\\') {
        const e = this.text[this.i + 1];
        const simple: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(this.text.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
          continue;
        }
        throw this.error(`Invalid escape \\${e ?? ''} in text: a backslash must be written \\\\`);
      }
      if (c < ' ' && c !== '\t') throw this.error('A control character inside text must be escaped');
      out += c;
      this.i++;
    }
  }

  private number(): string {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!match) throw this.error(`Unexpected ${this.describeHere()}: expected a number`);
    this.i += match[0].length;
    return match[0];
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === '\n') {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '/' && this.text[this.i + 1] === '/') {
        while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
      } else if (c === '/' && this.text[this.i + 1] === '*') {
        const opened = this.position();
        const end = this.text.indexOf('*/', this.i + 2);
        if (end === -1) throw new JsonSyntaxError('The comment that starts here is never closed with */', opened);
        for (let j = this.i; j < end; j++) {
          if (this.text[j] === '\n') {
            this.line++;
            this.lineStart = j + 1;
          }
        }
        this.i = end + 2;
      } else {
        return;
      }
    }
  }

  private position(): Position {
    return { line: this.line, column: this.i - this.lineStart + 1 };
  }

  private describeHere(): string {
    const c = this.text[this.i];
    if (c === undefined) return 'end of file';
    return `character ${JSON.stringify(c)}`;
  }

  private error(reason: string): JsonSyntaxError {
    return new JsonSyntaxError(reason, this.position());
  }

  private unclosed(open: string, close: string, opened: Position): JsonSyntaxError {
    return new JsonSyntaxError(`The file ends before the ${open} opened at line ${opened.line} is closed with ${close}`, this.position());
  }
}
