/**
 * What one upload through a custom uploader evaluates its fields with: the thing being sent (a
 * file, text or a URL), the clock and random source, and the user's answers.
 */
import { Evaluator, type ResponseInfo } from './evaluate.js';
import type { NamePatternEnv } from './name-patterns.js';
import { answerLookup } from './questions.js';
import type { SxcuSpec } from './spec.js';

/** What a request carries. A file's bytes are streamed by the uploader; only its name and type are needed here. */
export type SxcuPayload =
  | { kind: 'file'; fileName: string; mime: string }
  | { kind: 'text'; fileName: string; text: string; mime?: string }
  | { kind: 'url'; url: string };

export interface SxcuRunContext {
  env: NamePatternEnv;
  /** Answers to the spec's questions, by question id (see resolveAnswers). */
  answers: ReadonlyMap<string, string>;
  /** `{outputbox:…}` text for the user. */
  output?(title: string, text: string): void;
}

/** ShareX's CustomUploaderInput: `{filename}` and `{input}` for each kind of upload. */
export function payloadInput(payload: SxcuPayload): { fileName: string; input: string } {
  switch (payload.kind) {
    case 'file':
      return { fileName: payload.fileName, input: '' };
    case 'text':
      return { fileName: payload.fileName, input: payload.text };
    case 'url':
      return { fileName: '', input: payload.url };
  }
}

export function makeEvaluator(
  spec: SxcuSpec,
  run: SxcuRunContext,
  input: { fileName: string; input: string },
  options: { urlEncode: boolean; response?: ResponseInfo },
): Evaluator {
  return new Evaluator({
    ...input,
    urlEncode: options.urlEncode,
    response: options.response,
    random: run.env.random,
    answer: answerLookup(spec, run.answers),
    output: run.output,
  });
}
