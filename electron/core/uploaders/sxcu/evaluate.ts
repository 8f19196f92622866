/**
 * Runs a parsed value: every ShareX function, over the upload's input and (for the result fields)
 * the HTTP response. Pure apart from what the scope provides (randomness, the user's answers).
 */
import { selectJsonPath, JsonPathProblem } from './jsonpath.js';
import { regexMatch, RegexProblem } from './regex.js';
import type { CallNode, SyntaxNode } from './syntax.js';
import { sharexUrlEncode } from './url-encoding.js';
import { parseXml, selectXPath, XmlProblem } from './xml.js';

/** What the host answered, as the result fields see it. */
export interface ResponseInfo {
  status: number;
  /** The URL of the final response, after redirects. */
  url: string;
  headers: { get(name: string): string | null };
  text: string;
}

export interface EvalScope {
  /** `{filename}`: the uploaded file's name ('' for URL shorteners). */
  fileName: string;
  /** `{input}`: the text of a text upload or the URL being shortened ('' for files). */
  input: string;
  /** RequestURL and the result fields URL-encode `{filename}` and `{input}`. */
  urlEncode: boolean;
  /** Only the result fields have one. */
  response?: ResponseInfo;
  /** Uniform in [0, 1), for `{random:…}`. */
  random(): number;
  /** The user's answer to a `{select:…}` or `{inputbox:…}`, collected before the upload. */
  answer(call: CallNode): string;
  /** `{outputbox:…}`: text the file wants shown to the user. */
  output?(title: string, text: string): void;
}

/**
 * A value could not be computed. `kind` says whose fault: the host's response (not the JSON or
 * XML the file expects), or the file's own expression.
 */
export class EvalError extends Error {
  constructor(
    readonly kind: 'response' | 'expression',
    message: string,
  ) {
    super(message);
    this.name = 'EvalError';
  }
}

type Implementation = (params: string[], scope: EvalScope, call: CallNode, parsed: ParsedResponse) => string | undefined;

/** The response body parsed once, whichever functions read it. */
class ParsedResponse {
  private json?: { value: unknown };
  private xml?: { value: unknown };

  constructor(private readonly scope: EvalScope) {}

  text(call: CallNode): string {
    if (!this.scope.response) {
      throw new EvalError('expression', `{${call.written}} reads the host's response, so it can only be used in URL, ThumbnailURL, DeletionURL and ErrorMessage`);
    }
    return this.scope.response.text;
  }

  parseJson(text: string, own: boolean): unknown {
    if (own && this.json) return this.json.value;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new EvalError('response', `expected JSON but got ${preview(text)}`);
    }
    if (own) this.json = { value };
    return value;
  }

  parseXml(text: string, own: boolean): unknown {
    if (own && this.xml) return this.xml.value;
    let value: unknown;
    try {
      value = parseXml(text);
    } catch (err) {
      throw new EvalError('response', `expected XML but got ${preview(text)} (${(err as XmlProblem).message})`);
    }
    if (own) this.xml = { value };
    return value;
  }
}

/** The start of a body, on one line, for messages. */
export function preview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'an empty body';
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

function jsonText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (err instanceof RangeError) throw new EvalError('response', 'the value the JSON path selects is nested too deeply to write out');
    throw err;
  }
}

/** `{json:path}` reads the response; `{json:input|path}` reads its first parameter. */
function inputAndRest(params: string[], ownArity: number, call: CallNode, parsed: ParsedResponse): { input: string; rest: string[]; own: boolean } {
  if (params.length > ownArity) return { input: params[0]!, rest: params.slice(1), own: false };
  return { input: parsed.text(call), rest: params, own: true };
}

const implementations: Record<CallNode['name'], Implementation> = {
  response: (_p, _s, call, parsed) => parsed.text(call),
  responseurl: (_p, scope, call, parsed) => {
    parsed.text(call);
    return scope.response!.url;
  },
  header: (params, scope, call, parsed) => {
    parsed.text(call);
    return scope.response!.headers.get(params[0]!) ?? undefined;
  },
  json: (params, _s, call, parsed) => {
    const { input, rest, own } = inputAndRest(params, 1, call, parsed);
    const path = rest[0]!;
    if (input === '' || path === '') return undefined;
    const document = parsed.parseJson(input, own);
    let matches: unknown[];
    try {
      matches = selectJsonPath(document, path);
    } catch (err) {
      if (err instanceof JsonPathProblem) throw new EvalError('expression', err.message);
      throw err;
    }
    if (matches.length > 1) {
      throw new EvalError('expression', `the JSON path "${path}" matches ${matches.length} values; ShareX needs exactly one (add an index such as [0])`);
    }
    return jsonText(matches[0]);
  },
  xml: (params, _s, call, parsed) => {
    const { input, rest, own } = inputAndRest(params, 1, call, parsed);
    const path = rest[0]!;
    if (input === '' || path === '') return undefined;
    const document = parsed.parseXml(input, own);
    try {
      return selectXPath(document, path);
    } catch (err) {
      throw new EvalError('expression', (err as Error).message);
    }
  },
  regex: (params, _s, call, parsed) => {
    const { input, rest } = inputAndRest(params, 2, call, parsed);
    const [pattern = '', group = ''] = rest;
    if (input === '' || pattern === '') return undefined;
    try {
      return regexMatch(input, pattern, group);
    } catch (err) {
      if (err instanceof RegexProblem) throw new EvalError('expression', err.message);
      throw err;
    }
  },
  filename: (_p, scope) => (scope.urlEncode ? sharexUrlEncode(scope.fileName) : scope.fileName),
  input: (_p, scope) => (scope.urlEncode ? sharexUrlEncode(scope.input) : scope.input),
  random: (params, scope) => params[Math.min(params.length - 1, Math.floor(scope.random() * params.length))],
  select: (_p, scope, call) => scope.answer(call),
  inputbox: (_p, scope, call) => scope.answer(call),
  outputbox: (params, scope) => {
    const [title, text] = params.length > 1 ? [params[0]!, params[1]!] : ['', params[0]!];
    if (text !== '') scope.output?.(title || 'Output', text);
    return undefined;
  },
  base64: (params) => (params[0] ? Buffer.from(params[0], 'utf8').toString('base64') : undefined),
};

/** Evaluates parsed values against one scope; the response is parsed at most once. */
export class Evaluator {
  private readonly parsed: ParsedResponse;

  constructor(private readonly scope: EvalScope) {
    this.parsed = new ParsedResponse(scope);
  }

  evaluate(nodes: readonly SyntaxNode[]): string {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else out += this.call(node);
    }
    return out;
  }

  private call(call: CallNode): string {
    const params = (call.params ?? []).map((p) => this.evaluate(p));
    return implementations[call.name](params, this.scope, call, this.parsed) ?? '';
  }
}
