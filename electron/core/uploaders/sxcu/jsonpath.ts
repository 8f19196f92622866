/**
 * The JSONPath that `{json:…}` takes, as Newtonsoft.Json's SelectToken reads it: `$.` is implied
 * (`data.url` means `$.data.url`), with dot and bracket names, array indexes (negative ones count
 * from the end), `*`, slices, `..` descent and `[?(…)]` filters.
 */
import { memoize } from './memo.js';
import { boundedExec, toJsRegExp } from './regex.js';

export class JsonPathProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathProblem';
  }
}

type Key = string | number;

type Step =
  | { kind: 'keys'; keys: Key[] }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; expr: Expr }
  | { kind: 'descend'; step: Step };

type Operand =
  | { kind: 'path'; root: '@' | '$'; steps: Step[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; regex: RegExp };

type Expr =
  | { kind: 'or' | 'and'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'compare'; op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~'; left: Operand; right: Operand }
  | { kind: 'exists'; operand: Operand };

const compiled = memoize<Step[]>();

/** `data.url` → `$.data.url`, as ShareX does before handing the path to Newtonsoft. */
export function normalizeJsonPath(path: string): string {
  if (path.startsWith('$.') || path.startsWith('$[') || path === '$') return path;
  return path.startsWith('.') || path.startsWith('[') ? `$${path}` : `$.${path}`;
}

export function compileJsonPath(path: string): Step[] {
  return compiled(path, () => {
    const parser = new PathParser(normalizeJsonPath(path), path);
    parser.expect('$');
    return parser.steps(() => parser.done());
  });
}

/** Every value the path selects, in document order. */
export function selectJsonPath(root: unknown, path: string): unknown[] {
  return apply(compileJsonPath(path), [root], root);
}

function apply(steps: readonly Step[], start: unknown[], root: unknown): unknown[] {
  let current = start;
  for (const step of steps) current = current.flatMap((value) => applyStep(step, value, root));
  return current;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

function applyStep(step: Step, value: unknown, root: unknown): unknown[] {
  switch (step.kind) {
    case 'keys':
      return step.keys.flatMap((key) => {
        if (typeof key === 'number') {
          if (!Array.isArray(value)) return [];
          const index = key < 0 ? value.length + key : key;
          return index >= 0 && index < value.length ? [value[index]] : [];
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return [];
        return [(value as Record<string, unknown>)[key]];
      });
    case 'wildcard':
      return children(value);
    case 'slice': {
      if (!Array.isArray(value)) return [];
      const n = value.length;
      const by = step.step ?? 1;
      if (by === 0) return [];
      const clamp = (i: number) => Math.max(by > 0 ? 0 : -1, Math.min(by > 0 ? n : n - 1, i < 0 ? n + i : i));
      const from = step.start === undefined ? (by > 0 ? 0 : n - 1) : clamp(step.start);
      const to = step.end === undefined ? (by > 0 ? n : -1) : clamp(step.end);
      const out: unknown[] = [];
      for (let i = from; by > 0 ? i < to : i > to; i += by) out.push(value[i]);
      return out;
    }
    case 'filter':
      return children(value).filter((item) => test(step.expr, item, root));
    case 'descend': {
      // Depth-first in document order, with a stack of our own: a reply nested 100,000 deep
      // must not overflow the call stack (the reply's size cap bounds the work).
      const all: unknown[] = [];
      const stack: unknown[] = [value];
      while (stack.length > 0) {
        const v = stack.pop();
        for (const found of applyStep(step.step, v, root)) all.push(found);
        const kids = children(v);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
      }
      return all;
    }
  }
}

function operandValues(operand: Operand, item: unknown, root: unknown): unknown[] {
  if (operand.kind === 'literal') return [operand.value];
  if (operand.kind === 'regex') return [operand.regex];
  return apply(operand.steps, [operand.root === '@' ? item : root], root);
}

function compare(op: Exclude<Extract<Expr, { kind: 'compare' }>['op'], '=~'>, a: unknown, b: unknown): boolean {
  const numeric = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);
  const na = numeric(a);
  const nb = numeric(b);
  if (op === '==' || op === '!=') {
    const equal = na !== undefined && nb !== undefined ? na === nb : JSON.stringify(a) === JSON.stringify(b);
    return op === '==' ? equal : !equal;
  }
  let order: number;
  if (na !== undefined && nb !== undefined) order = na - nb;
  else if (typeof a === 'string' && typeof b === 'string') order = a < b ? -1 : a > b ? 1 : 0;
  else return false;
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
}

function test(expr: Expr, item: unknown, root: unknown): boolean {
  switch (expr.kind) {
    case 'or':
      return test(expr.left, item, root) || test(expr.right, item, root);
    case 'and':
      return test(expr.left, item, root) && test(expr.right, item, root);
    case 'not':
      return !test(expr.expr, item, root);
    case 'exists':
      return operandValues(expr.operand, item, root).some((v) => v !== undefined && v !== null && v !== false);
    case 'compare': {
      const left = operandValues(expr.left, item, root);
      const right = operandValues(expr.right, item, root);
      if (expr.op === '=~') {
        const regex = right[0];
        return regex instanceof RegExp && left.some((v) => typeof v === 'string' && boundedExec(regex, v) !== null);
      }
      const op = expr.op;
      return left.some((a) => right.some((b) => compare(op, a, b)));
    }
  }
}

class PathParser {
  private i = 0;
  /** Characters added in front of what was written (the implied `$.`), left out of positions. */
  private readonly added: number;
  constructor(
    private readonly s: string,
    private readonly written: string,
  ) {
    this.added = s.length - written.length;
  }

  done(): boolean {
    return this.i >= this.s.length;
  }

  expect(text: string): void {
    if (!this.s.startsWith(text, this.i)) throw this.problem(`expected "${text}"`);
    this.i += text.length;
  }

  /** Steps until `stop()` is true. */
  steps(stop: () => boolean): Step[] {
    const steps: Step[] = [];
    while (!stop()) {
      if (this.s.startsWith('..', this.i)) {
        this.i += 2;
        steps.push({ kind: 'descend', step: this.memberOrBracket() });
      } else if (this.s[this.i] === '.') {
        this.i++;
        steps.push(this.memberOrBracket());
      } else if (this.s[this.i] === '[') {
        steps.push(this.bracket());
      } else {
        throw this.problem(`unexpected "${this.s[this.i]}"; names are joined with "." and indexes written as [0]`);
      }
    }
    return steps;
  }

  private memberOrBracket(): Step {
    if (this.s[this.i] === '[') return this.bracket();
    if (this.s[this.i] === '*') {
      this.i++;
      return { kind: 'wildcard' };
    }
    const match = /^[^.[\]()\s=!<>&|]+/.exec(this.s.slice(this.i));
    if (!match) throw this.problem('a name is missing after "."');
    this.i += match[0].length;
    return { kind: 'keys', keys: [match[0]] };
  }

  private bracket(): Step {
    this.expect('[');
    this.space();
    let step: Step;
    if (this.s[this.i] === '*') {
      this.i++;
      step = { kind: 'wildcard' };
    } else if (this.s.startsWith('?(', this.i)) {
      this.i += 2;
      const expr = this.or();
      this.space();
      this.expect(')');
      step = { kind: 'filter', expr };
    } else if (this.s[this.i] === "'" || this.s[this.i] === '"') {
      const keys: Key[] = [this.quoted()];
      while (this.peekAfterSpace(',')) {
        this.i++;
        this.space();
        keys.push(this.quoted());
      }
      step = { kind: 'keys', keys };
    } else {
      step = this.indexesOrSlice();
    }
    this.space();
    this.expect(']');
    return step;
  }

  private indexesOrSlice(): Step {
    const match = /^[-\d\s:,]*/.exec(this.s.slice(this.i))![0];
    if (match.trim() === '') throw this.problem('expected an index such as [0], a name such as [\'url\'], * or a filter');
    this.i += match.length;
    if (match.includes(':')) {
      const parts = match.split(':').map((p) => p.trim());
      if (parts.length > 3 || parts.some((p) => p !== '' && !/^-?\d+$/.test(p))) throw this.problem(`"[${match}]" is not a slice such as [1:3]`);
      const num = (p: string | undefined) => (p === undefined || p === '' ? undefined : Number(p));
      return { kind: 'slice', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]) };
    }
    const parts = match.split(',').map((p) => p.trim());
    if (parts.some((p) => !/^-?\d+$/.test(p))) throw this.problem(`"[${match}]" is not an index such as [0]`);
    return { kind: 'keys', keys: parts.map(Number) };
  }

  private quoted(): string {
    const quote = this.s[this.i];
    if (quote !== "'" && quote !== '"') throw this.problem('expected a quoted name');
    let out = '';
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== quote) {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
      out += this.s[this.i++];
    }
    this.expect(quote);
    return out;
  }

  private or(): Expr {
    let left = this.and();
    while (this.peekAfterSpace('||')) {
      this.i += 2;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.comparison();
    while (this.peekAfterSpace('&&')) {
      this.i += 2;
      left = { kind: 'and', left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    this.space();
    if (this.s[this.i] === '!' && this.s[this.i + 1] !== '=') {
      this.i++;
      return { kind: 'not', expr: this.comparison() };
    }
    if (this.s[this.i] === '(') {
      this.i++;
      const inner = this.or();
      this.space();
      this.expect(')');
      return inner;
    }
    const left = this.operand();
    this.space();
    const op = (['==', '!=', '<=', '>=', '=~', '<', '>'] as const).find((o) => this.s.startsWith(o, this.i));
    if (!op) return { kind: 'exists', operand: left };
    this.i += op.length;
    this.space();
    return { kind: 'compare', op, left, right: this.operand() };
  }

  private operand(): Operand {
    this.space();
    const c = this.s[this.i];
    if (c === '@' || c === '$') {
      this.i++;
      const steps = this.steps(() => !/^(\.|\[)/.test(this.s.slice(this.i)));
      return { kind: 'path', root: c, steps };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    if (c === '/') {
      const end = this.s.indexOf('/', this.i + 1);
      if (end === -1) throw this.problem('a regular expression /…/ is not closed');
      const flags = /^[a-z]*/.exec(this.s.slice(end + 1))![0];
      const regex = toJsRegExp((flags.includes('i') ? '(?i)' : '') + this.s.slice(this.i + 1, end));
      this.i = end + 1 + flags.length;
      return { kind: 'regex', regex };
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (number) {
      this.i += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return { kind: 'literal', value };
      }
    }
    throw this.problem('expected @.name, a quoted text, a number, true, false or null in the filter');
  }

  private space(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private peekAfterSpace(text: string): boolean {
    this.space();
    return this.s.startsWith(text, this.i);
  }

  private problem(reason: string): JsonPathProblem {
    return new JsonPathProblem(`the JSON path "${this.written}" cannot be read: ${reason} (at character ${Math.max(1, this.i + 1 - this.added)})`);
  }
}
