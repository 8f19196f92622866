/**
 * `{xml:xpath}`: the string value of what an XPath 1.0 expression selects in an XML response, as
 * .NET's XPathNavigator.SelectSingleNode(…).Value gives it. Parsing is xmldom's (no external
 * entities, no network); XPath is the `xpath` package's full XPath 1.0.
 */
import { createRequire } from 'node:module';
import type * as Xmldom from '@xmldom/xmldom';
import { memoize } from './memo.js';

/** The part of the `xpath` package used here (its own typings pull the DOM library into Node code). */
interface XPathEvaluator {
  evaluate(options: { node: unknown }): { stringValue(): string };
}
interface XPathModule {
  parse(expression: string): XPathEvaluator;
}

// Loaded on first use: only uploaders whose answers are XML need them, and every process start pays for an import.
const load = createRequire(import.meta.url);
let xpathModule: XPathModule | undefined;
let xmldomModule: typeof Xmldom | undefined;
const xpath = () => (xpathModule ??= load('xpath') as XPathModule);
const xmldom = () => (xmldomModule ??= load('@xmldom/xmldom') as typeof Xmldom);

export class XmlProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlProblem';
  }
}

const compiled = memoize<XPathEvaluator>();

/** Throws an XmlProblem naming the expression when it is not XPath 1.0. */
export function compileXPath(expression: string): XPathEvaluator {
  return compiled(expression, () => {
    try {
      return xpath().parse(expression);
    } catch (err) {
      throw new XmlProblem(`"${expression}" is not an XPath expression (${(err as Error).message})`);
    }
  });
}

export function parseXml(text: string): unknown {
  const fail = (message: string): never => {
    throw new XmlProblem(message.split('\n')[0]!);
  };
  const parser = new (xmldom().DOMParser)({
    onError: (level, message) => {
      if (level !== 'warning') fail(message);
    },
  });
  try {
    return parser.parseFromString(text, 'text/xml');
  } catch (err) {
    if (err instanceof XmlProblem) throw err;
    throw new XmlProblem((err as Error).message.split('\n')[0]!);
  }
}

export function selectXPath(document: unknown, expression: string): string {
  return compileXPath(expression).evaluate({ node: document }).stringValue();
}
