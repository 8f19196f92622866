/**
 * Reads a .sxcu file into a validated SxcuSpec, or refuses it with an SxcuError naming the line
 * and field at fault. Everything that can be checked without a server is checked here, so an
 * imported uploader does not fail halfway through its first upload.
 */
import { MAX_SXCU_CHARS } from '../../../../shared/sxcu.js';
import { SxcuError, SxcuErrorCode, type SxcuLocation } from './errors.js';
import { ANALYSIS_ENV, parseFieldValue, syntaxValues } from './fields.js';
import { compileJsonPath, JsonPathProblem } from './jsonpath.js';
import { describeJsonKind, JsonSyntaxError, parseLocatedJson, type JsonEntry, type JsonNode } from './located-json.js';
import { FILE_READING_PATTERN } from './name-patterns.js';
import { migrateOldData, migrateOldSyntax } from './old-syntax.js';
import { questionProblem } from './questions.js';
import { RegexProblem, toJsRegExp } from './regex.js';
import {
  BODIES_FOR_PURPOSE,
  BODY_TYPES,
  describeDestinations,
  DESTINATION_PURPOSE,
  DESTINATION_TYPES,
  FILE_FIELD_NAMES,
  MAP_FIELDS,
  REQUEST_METHODS,
  SXCU_LAST_OLD_SYNTAX,
  SXCU_OLDEST_UNSUPPORTED,
  SXCU_WRITE_VERSION,
  type NamedValue,
  type SxcuBody,
  type SxcuDestination,
  type SxcuMethod,
  type SxcuSpec,
} from './spec.js';
import { functionInfo, staticText, SyntaxProblem, walkCalls, type CallNode, type SyntaxNode } from './syntax.js';
import { fixPrefix, hostName, splitQuery } from './url-encoding.js';
import { compileXPath, XmlProblem } from './xml.js';

export interface SxcuReadResult {
  spec: SxcuSpec;
  /** What was read differently from the file, or ignored, in sentences for the user. */
  warnings: string[];
  /** The ShareX version that wrote the file, when its old `$…$` syntax was converted. */
  migratedFrom?: string;
  /** The line of each field as written (`Headers.Authorization` → 7). */
  lines: Record<string, number>;
}


const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Field names as ShareX's JSON reader matches them: case-insensitively. */
const KNOWN_FIELDS: Record<string, keyof typeof FILE_FIELD_NAMES | 'regexList' | 'requestType' | 'responseType'> = {
  version: 'version',
  name: 'name',
  destinationtype: 'destinations',
  requestmethod: 'method',
  requesttype: 'requestType',
  requesturl: 'requestUrl',
  parameters: 'parameters',
  headers: 'headers',
  body: 'body',
  arguments: 'arguments',
  fileformname: 'fileFormName',
  data: 'data',
  url: 'url',
  thumbnailurl: 'thumbnailUrl',
  deletionurl: 'deletionUrl',
  errormessage: 'errorMessage',
  regexlist: 'regexList',
  responsetype: 'responseType',
};

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function readSxcu(text: string, options: { source?: string } = {}): SxcuReadResult {
  return new SxcuReader(options.source).read(text);
}

class SxcuReader {
  private readonly warnings: string[] = [];
  private readonly lines: Record<string, number> = {};

  constructor(private readonly source: string | undefined) {}

  private fail(code: (typeof SxcuErrorCode)[keyof typeof SxcuErrorCode], problem: string, where: Omit<SxcuLocation, 'source'> = {}): never {
    throw new SxcuError(code, problem, { source: this.source, ...where });
  }

  private invalid(problem: string, field?: string, line?: number): never {
    this.fail(SxcuErrorCode.invalid, problem, { field, line: line ?? (field ? this.lines[field] : undefined) });
  }

  private unsupported(problem: string, field?: string): never {
    this.fail(SxcuErrorCode.unsupported, problem, { field, line: field ? this.lines[field] : undefined });
  }

  read(text: string): SxcuReadResult {
    if (text.length > MAX_SXCU_CHARS) {
      this.unsupported(`it is ${Math.round(text.length / 1024)} KB; .sxcu files are a few hundred bytes, so this is probably not one`);
    }
    let root: JsonNode;
    try {
      root = parseLocatedJson(text);
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      this.invalid(`it is not valid JSON: ${err.reason} (column ${err.at.column})`, undefined, err.at.line);
    }
    if (root.kind !== 'object') {
      this.invalid(`it holds ${describeJsonKind(root)}, not a JSON object with fields such as "RequestURL"`, undefined, root.line);
    }
    const fields = this.collectFields(root.entries);
    const version = this.readVersion(fields.version);
    const regexList = this.list(fields.regexList);

    const spec: SxcuSpec = {
      version,
      name: this.text(fields.name),
      destinations: this.destinations(fields.destinations),
      method: this.method(fields.method ?? fields.requestType),
      requestUrl: this.text(fields.requestUrl).trim(),
      parameters: this.map(fields.parameters, 'parameters'),
      headers: this.map(fields.headers, 'headers'),
      body: this.body(fields.body),
      arguments: this.map(fields.arguments, 'arguments'),
      fileFormName: this.text(fields.fileFormName),
      data: this.text(fields.data),
      url: this.text(fields.url),
      thumbnailUrl: this.text(fields.thumbnailUrl),
      deletionUrl: this.text(fields.deletionUrl),
      errorMessage: this.text(fields.errorMessage),
    };
    this.moveQueryToParameters(spec);

    let migratedFrom: string | undefined;
    if (compareVersions(version, SXCU_LAST_OLD_SYNTAX) <= 0) {
      this.migrate(spec, regexList);
      migratedFrom = version;
      spec.version = SXCU_WRITE_VERSION;
    } else if (fields.regexList) {
      this.warnings.push(`Ignored RegexList (line ${fields.regexList.at.line}): since ShareX 14 the pattern is written in the {regex:…} call itself.`);
    }

    this.checkSyntax(spec);
    this.checkHeaders(spec);
    this.checkDestinations(spec, fields.destinations !== undefined);
    this.checkRequestUrl(spec);
    spec.name = spec.name.trim() || hostName(fixPrefix(sampleUrl(spec.requestUrl))) || 'Custom uploader';
    return { spec, warnings: this.warnings, migratedFrom, lines: this.lines };
  }

  private collectFields(entries: JsonEntry[]): Partial<Record<(typeof KNOWN_FIELDS)[string], JsonEntry>> {
    const found: Partial<Record<(typeof KNOWN_FIELDS)[string], JsonEntry>> = {};
    for (const entry of entries) {
      const key = KNOWN_FIELDS[entry.key.toLowerCase()];
      if (key === undefined) {
        this.warnings.push(`Ignored the field "${entry.key}" (line ${entry.at.line}): it is not part of the custom uploader format.`);
        continue;
      }
      const earlier = found[key];
      if (earlier) this.invalid(`"${entry.key}" is written twice (first on line ${earlier.at.line}); keep one`, entry.key, entry.at.line);
      found[key] = entry;
      if (key in FILE_FIELD_NAMES) this.lines[FILE_FIELD_NAMES[key as keyof typeof FILE_FIELD_NAMES]] = entry.at.line;
    }
    if (found.responseType) {
      this.warnings.push(`Ignored ResponseType (line ${found.responseType.at.line}): it only mattered to ShareX 12.3.1 and older.`);
    }
    return found;
  }

  /** Text fields accept numbers and booleans as ShareX's JSON reader does; null reads as empty. */
  private scalar(node: JsonNode, field: string, line: number): string {
    switch (node.kind) {
      case 'string':
        return node.value;
      case 'number':
        return node.raw;
      case 'boolean':
        return String(node.value);
      case 'null':
        return '';
      default:
        this.invalid(`must be text, but it is ${describeJsonKind(node)}`, field, line);
    }
  }

  private text(entry: JsonEntry | undefined): string {
    return entry ? this.scalar(entry.value, entry.key, entry.at.line) : '';
  }

  private list(entry: JsonEntry | undefined): string[] {
    if (!entry || entry.value.kind === 'null') return [];
    if (entry.value.kind !== 'array') this.invalid(`must be a list of regular expressions, but it is ${describeJsonKind(entry.value)}`, entry.key, entry.at.line);
    return entry.value.items.map((item, i) => this.scalar(item, `${entry.key}[${i}]`, item.line));
  }

  private map(entry: JsonEntry | undefined, field: (typeof MAP_FIELDS)[number]): NamedValue[] {
    if (!entry || entry.value.kind === 'null') return [];
    const label = FILE_FIELD_NAMES[field];
    if (entry.value.kind !== 'object') {
      this.invalid(`must be an object of names and values, such as {"name": "value"}, but it is ${describeJsonKind(entry.value)}`, label, entry.at.line);
    }
    const out: NamedValue[] = [];
    const seen = new Map<string, number>();
    for (const item of entry.value.entries) {
      const path = `${label}.${item.key}`;
      this.lines[path] = item.at.line;
      // Header names are case-insensitive; two spellings of one header would both be sent.
      const same = field === 'headers' ? item.key.toLowerCase() : item.key;
      const earlier = seen.get(same);
      if (earlier !== undefined) this.invalid(`"${item.key}" is written twice (first on line ${earlier}); keep one`, path, item.at.line);
      seen.set(same, item.at.line);
      out.push({ name: item.key, value: this.scalar(item.value, path, item.at.line) });
    }
    return out;
  }

  private enumValue<T extends string>(entry: JsonEntry, allowed: readonly T[], text: string, what: string): T {
    const byNumber = /^\d+$/.test(text) ? allowed[Number(text)] : undefined;
    const found = byNumber ?? allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
    if (found === undefined) this.invalid(`"${text}" is not ${what}; use one of: ${allowed.join(', ')}`, entry.key, entry.at.line);
    return found;
  }

  private readVersion(entry: JsonEntry | undefined): string {
    const version = entry ? this.text(entry).trim() : '';
    if (version === '') {
      this.unsupported(
        'it has no Version, so it was written by ShareX 12.3.1 or older, whose format neither ShareX nor Shotput reads any more; export it again from a current ShareX',
      );
    }
    if (!/^\d+(\.\d+){0,3}$/.test(version)) this.invalid(`"${version}" is not a version number such as 16.1.0`, 'Version', entry!.at.line);
    if (compareVersions(version, SXCU_OLDEST_UNSUPPORTED) <= 0) {
      this.unsupported(
        `it was written by ShareX ${version}; files from ShareX 12.3.1 and older are no longer read (ShareX refuses them too). Export it again from a current ShareX`,
        'Version',
      );
    }
    return version;
  }

  private destinations(entry: JsonEntry | undefined): SxcuDestination[] {
    if (!entry) return [];
    const node = entry.value;
    if (node.kind === 'number') {
      return DESTINATION_TYPES.filter((_, bit) => (node.value & (1 << bit)) !== 0);
    }
    const text = this.text(entry);
    const out: SxcuDestination[] = [];
    for (const part of text.split(',').map((p) => p.trim())) {
      if (part === '' || part.toLowerCase() === 'none') continue;
      const found = DESTINATION_TYPES.find((d) => d.toLowerCase() === part.toLowerCase());
      if (!found) this.invalid(`"${part}" is not a destination type; use one or more of: ${DESTINATION_TYPES.join(', ')}`, entry.key, entry.at.line);
      if (!out.includes(found)) out.push(found);
    }
    return out;
  }

  private method(entry: JsonEntry | undefined): SxcuMethod {
    if (!entry) return 'POST';
    return this.enumValue(entry, REQUEST_METHODS, this.text(entry), 'a request method');
  }

  private body(entry: JsonEntry | undefined): SxcuBody {
    if (!entry) return 'None';
    return this.enumValue(entry, BODY_TYPES, this.text(entry), 'a body type');
  }

  /** ShareX moves a query string written in RequestURL into Parameters (without overriding any). */
  private moveQueryToParameters(spec: SxcuSpec): void {
    const { base, pairs } = splitQuery(spec.requestUrl);
    if (pairs.length === 0) return;
    for (const pair of pairs) {
      if (spec.parameters.some((p) => p.name === pair.name)) continue;
      spec.parameters.push(pair);
      this.lines[`Parameters.${pair.name}`] = this.lines.RequestURL!;
    }
    spec.requestUrl = base;
  }

  private migrate(spec: SxcuSpec, regexList: readonly string[]): void {
    const convert = (value: string, label: string) => {
      try {
        return migrateOldSyntax(value, regexList);
      } catch (err) {
        if (!(err instanceof SyntaxProblem)) throw err;
        this.invalid(`${err.message} (this file uses ShareX's old $…$ syntax)`, label);
      }
    };
    spec.requestUrl = convert(spec.requestUrl, 'RequestURL');
    for (const field of MAP_FIELDS) {
      spec[field] = spec[field].map(({ name, value }) => ({ name, value: convert(value, `${FILE_FIELD_NAMES[field]}.${name}`) }));
    }
    for (const field of ['url', 'thumbnailUrl', 'deletionUrl', 'errorMessage'] as const) {
      spec[field] = convert(spec[field], FILE_FIELD_NAMES[field]);
    }
    spec.data = migrateOldData(spec.data);
  }

  private checkSyntax(spec: SxcuSpec): void {
    for (const map of MAP_FIELDS) {
      for (const { name, value } of spec[map]) {
        if (FILE_READING_PATTERN.test(value)) {
          this.unsupported('%rf{…} reads a line from a file on your computer and sends it to the host; Shotput does not let imported uploaders read your files', `${FILE_FIELD_NAMES[map]}.${name}`);
        }
      }
    }
    if (FILE_READING_PATTERN.test(spec.data)) {
      this.unsupported('%rf{…} reads a line from a file on your computer and sends it to the host; Shotput does not let imported uploaders read your files', 'Data');
    }
    for (const value of syntaxValues(spec)) {
      let nodes: SyntaxNode[];
      try {
        nodes = parseFieldValue(value.field, value.value, ANALYSIS_ENV);
      } catch (err) {
        if (!(err instanceof SyntaxProblem)) throw err;
        this.invalid(err.message, value.label);
      }
      for (const call of walkCalls(nodes)) {
        const problem = this.callProblem(call, value.beforeRequest);
        if (problem) this.invalid(problem, value.label);
      }
    }
  }

  private callProblem(call: CallNode, beforeRequest: boolean): string | undefined {
    const params = call.params ?? [];
    const info = functionInfo(call.name);
    if (beforeRequest && info.readsResponse(params.length)) {
      return `{${call.written}:…} reads the host's response, which does not exist yet when the request is made; use it in URL, ThumbnailURL, DeletionURL or ErrorMessage`;
    }
    if (info.asks) return questionProblem(call);
    const literal = (index: number) => (params[index] ? staticText(params[index]) : undefined);
    try {
      if (call.name === 'regex') {
        const pattern = literal(params.length > 2 ? 1 : 0);
        if (pattern) toJsRegExp(pattern);
      } else if (call.name === 'json') {
        const path = literal(params.length > 1 ? 1 : 0);
        if (path) compileJsonPath(path);
      } else if (call.name === 'xml') {
        const path = literal(params.length > 1 ? 1 : 0);
        if (path) compileXPath(path);
      }
    } catch (err) {
      if (err instanceof RegexProblem || err instanceof JsonPathProblem || err instanceof XmlProblem) return err.message;
      throw err;
    }
    return undefined;
  }

  private checkHeaders(spec: SxcuSpec): void {
    for (const { name } of spec.headers) {
      if (!HEADER_NAME.test(name)) this.invalid(`"${name}" is not a valid HTTP header name (letters, digits and - only, no spaces or colons)`, `Headers.${name}`);
    }
    if (spec.body === 'MultipartFormData' && spec.headers.some((h) => h.name.toLowerCase() === 'content-type')) {
      this.warnings.push('Headers.Content-Type is not sent with MultipartFormData: the form needs the content type Shotput writes, with its boundary.');
    }
  }

  private checkDestinations(spec: SxcuSpec, written: boolean): void {
    const carriesFile = (spec.body === 'MultipartFormData' && spec.fileFormName !== '') || spec.body === 'Binary';
    if (spec.destinations.length === 0) {
      const usesInput = [spec.requestUrl, spec.data, ...MAP_FIELDS.flatMap((f) => spec[f].map((e) => e.value))].some((v) => /\{input\}/i.test(v));
      if (carriesFile) {
        spec.destinations = ['ImageUploader', 'FileUploader'];
        this.warnings.push('The file names no DestinationType; as it sends a file, Shotput uses it as an image and file uploader.');
      } else if (usesInput) {
        spec.destinations = ['TextUploader', 'URLShortener'];
        this.warnings.push('The file names no DestinationType; as it sends {input}, Shotput uses it as a text uploader and URL shortener.');
      } else {
        this.unsupported(
          `it names no destination (DestinationType is ${written ? 'None' : 'missing'}) and sends neither a file nor {input}; add "DestinationType": "ImageUploader", "TextUploader" or "URLShortener", as the host expects`,
          written ? 'DestinationType' : undefined,
        );
      }
    }
    for (const destination of spec.destinations) {
      const purpose = DESTINATION_PURPOSE[destination];
      if (!BODIES_FOR_PURPOSE[purpose].includes(spec.body)) {
        const needs = purpose === 'file' ? 'MultipartFormData with FileFormName, or Binary' : BODIES_FOR_PURPOSE[purpose].join(', ');
        this.unsupported(
          `it is ${describeDestinations([destination])}, but a ${spec.body} body cannot carry ${purpose === 'file' ? 'a file' : 'a URL'} (ShareX fails with "Unsupported request format"); use ${needs}`,
          'Body',
        );
      }
      if (purpose === 'file' && spec.body === 'MultipartFormData' && spec.fileFormName.trim() === '') {
        this.invalid(`FileFormName is empty, but ${describeDestinations([destination])} sends the file in a form field: name that field, such as "file"`, 'FileFormName' in this.lines ? 'FileFormName' : 'Body');
      }
    }
    if (spec.method === 'GET' && spec.body !== 'None') {
      this.invalid(`a GET request carries no body, but Body is ${spec.body}; use POST, or Body None`, 'RequestMethod' in this.lines ? 'RequestMethod' : 'Body');
    }
  }

  private checkRequestUrl(spec: SxcuSpec): void {
    if (spec.requestUrl === '') this.invalid('RequestURL is empty: put the address the host receives uploads at, such as https://host.example/upload', 'RequestURL' in this.lines ? 'RequestURL' : undefined);
    const sample = fixPrefix(sampleUrl(spec.requestUrl));
    let url: URL | undefined;
    try {
      url = new URL(sample.startsWith('//') ? `https:${sample}` : sample);
    } catch {
      url = undefined;
    }
    // A scheme other than http(s) (javascript:, data:, file:…) is refused, never taken for words to ask about; host:port is not a scheme.
    const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(spec.requestUrl.trim())?.[1]?.toLowerCase();
    if (scheme && scheme !== 'http' && scheme !== 'https') {
      this.unsupported(`"${spec.requestUrl}" uses ${scheme}; Shotput uploads over https and http only`, 'RequestURL');
    }
    if ((!url || url.hostname === '') && isPlaceholder(spec.requestUrl)) {
      // ShareX users share files with "Webhook URL" where their own address goes: ask for it.
      this.warnings.push(`RequestURL "${spec.requestUrl}" is a placeholder: Shotput asks for the address before each upload.`);
      spec.requestUrl = `{inputbox:${escapeSyntax(spec.requestUrl)}}`;
      return;
    }
    if (!url || url.hostname === '') {
      this.invalid(`"${spec.requestUrl}" is not a web address; replace it with the host's upload address, such as https://host.example/upload`, 'RequestURL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      this.unsupported(`"${spec.requestUrl}" uses ${url.protocol.slice(0, -1)}; Shotput uploads over https and http only`, 'RequestURL');
    }
  }
}

/** Words standing where an address goes ("Webhook URL", "<your domain>"): no call, no scheme. */
function isPlaceholder(requestUrl: string): boolean {
  return sampleUrl(requestUrl) === requestUrl && !requestUrl.includes('://') && /[a-z]/i.test(requestUrl);
}

/** Text as a literal inside a {call:…} parameter. */
function escapeSyntax(text: string): string {
  return text.replace(/[\\{}|]/g, (c) => `\\${c}`);
}

/** RequestURL with every call replaced by a placeholder, to check the address around them. */
function sampleUrl(requestUrl: string): string {
  try {
    return parseFieldValue('requestUrl', requestUrl, ANALYSIS_ENV)
      .map((n) => (n.kind === 'text' ? n.text : 'x'))
      .join('');
  } catch {
    return requestUrl;
  }
}
