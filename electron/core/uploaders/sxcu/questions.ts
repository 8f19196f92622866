/**
 * What a custom uploader asks the user (`{select:…}`, `{inputbox:…}`), listed before the upload so
 * the window can ask once before queueing and the CLI can take the answers from its flags. The
 * answers travel in UploadOptions.answers, keyed by each question's id; a retry never asks again.
 */
import type { SxcuQuestion } from '../../../../shared/sxcu.js';
import { ShotputError } from '../../errors.js';
import { ANALYSIS_ENV, parseFieldValue, syntaxValues } from './fields.js';
import type { SxcuSpec } from './spec.js';
import { staticText, walkCalls, type CallNode } from './syntax.js';

export type { SxcuQuestion };

export const QuestionErrorCode = { unanswered: 'question_unanswered', invalidAnswer: 'invalid_answer' } as const;

/** The same question asked in two places is one question: identified by what it asks. */
function signature(call: CallNode): string | undefined {
  const params = (call.params ?? []).map(staticText);
  if (params.some((p) => p === undefined)) return undefined;
  if (call.name === 'select') return `select\u0000${selectOptions(params as string[]).join('\u0000')}`;
  return `text\u0000${textTitle(params as string[])}`;
}

function selectOptions(params: string[]): string[] {
  return params.filter((p) => p !== '');
}

function textTitle(params: string[]): string {
  return params[0] || 'Input';
}

/**
 * Checks a question call can be listed before the upload: its parameters must be plain text
 * (a choice computed from the response cannot be offered in advance). Returns the reason if not.
 */
export function questionProblem(call: CallNode): string | undefined {
  if (signature(call) === undefined) {
    return `the parameters of {${call.written}} must be plain text, so Shotput can ask before the upload`;
  }
  if (call.name === 'select' && selectOptions((call.params ?? []).map((p) => staticText(p)!)).length === 0) {
    return `{${call.written}} offers no choice; write the choices as {select:a|b}`;
  }
  return undefined;
}

/** The questions a spec asks, in the order ShareX would ask them. */
export function listQuestions(spec: SxcuSpec): SxcuQuestion[] {
  return [...collectQuestions(spec).values()];
}

function collectQuestions(spec: SxcuSpec): Map<string, SxcuQuestion> {
  const bySignature = new Map<string, SxcuQuestion>();
  const ids = new Set<string>();
  const uniqueId = (wanted: string) => {
    let id = wanted;
    for (let n = 2; ids.has(id.toLowerCase()); n++) id = `${wanted}-${n}`;
    ids.add(id.toLowerCase());
    return id;
  };
  for (const value of syntaxValues(spec)) {
    for (const call of walkCalls(parseFieldValue(value.field, value.value, ANALYSIS_ENV))) {
      if (call.name !== 'select' && call.name !== 'inputbox') continue;
      const sig = signature(call);
      if (sig === undefined) continue;
      const existing = bySignature.get(sig);
      if (existing) {
        if (!existing.usedIn.includes(value.label)) existing.usedIn.push(value.label);
        continue;
      }
      const params = (call.params ?? []).map((p) => staticText(p)!);
      const question: SxcuQuestion =
        call.name === 'select'
          ? { id: uniqueId(value.name ?? value.label), kind: 'select', prompt: `Choose the ${value.name ?? value.label}`, options: selectOptions(params), usedIn: [value.label] }
          : { id: uniqueId(textTitle(params)), kind: 'text', prompt: textTitle(params), default: params[1] ?? '', usedIn: [value.label] };
      bySignature.set(sig, question);
    }
  }
  return bySignature;
}

/** One line describing a question, for messages: `"Album" (text, default "x")`, `"domain" (one of a, b)`. */
export function describeQuestion(question: SxcuQuestion): string {
  if (question.kind === 'select') return `"${question.id}" (one of: ${question.options!.join(', ')})`;
  const hint = question.prompt !== question.id ? `${question.prompt}; ` : '';
  return `"${question.id}" (${hint}text${question.default ? `, default "${question.default}"` : ''})`;
}

/**
 * Looks up the answer to each question, case-insensitively by id, and checks a choice is one of
 * its options. Throws a ShotputError naming every unanswered question.
 */
export function resolveAnswers(label: string, questions: readonly SxcuQuestion[], answers: Readonly<Record<string, string>> = {}): Map<string, string> {
  const given = new Map(Object.entries(answers).map(([k, v]) => [k.toLowerCase(), v]));
  const resolved = new Map<string, string>();
  const missing: SxcuQuestion[] = [];
  for (const question of questions) {
    const answer = given.get(question.id.toLowerCase());
    if (answer === undefined) {
      missing.push(question);
      continue;
    }
    if (question.kind === 'select') {
      const option = question.options!.find((o) => o === answer) ?? question.options!.find((o) => o.toLowerCase() === answer.toLowerCase());
      if (option === undefined) {
        throw new ShotputError(
          QuestionErrorCode.invalidAnswer,
          `${label}: "${answer}" is not a choice for "${question.id}"; choose one of: ${question.options!.join(', ')}.`,
        );
      }
      resolved.set(question.id, option);
    } else {
      resolved.set(question.id, answer);
    }
  }
  if (missing.length > 0) {
    throw new ShotputError(
      QuestionErrorCode.unanswered,
      `${label} asks ${missing.length === 1 ? 'a question' : `${missing.length} questions`} before it uploads: ${missing.map(describeQuestion).join('; ')}. Answer ${missing.length === 1 ? 'it' : 'them'} and try again.`,
    );
  }
  return resolved;
}

/** Maps a question call met during evaluation to its answer. */
export function answerLookup(spec: SxcuSpec, resolved: ReadonlyMap<string, string>): (call: CallNode) => string {
  const questions = collectQuestions(spec);
  return (call) => {
    const sig = signature(call);
    const question = sig === undefined ? undefined : questions.get(sig);
    const answer = question === undefined ? undefined : resolved.get(question.id);
    if (answer === undefined) throw new ShotputError(QuestionErrorCode.unanswered, `{${call.written}} has no answer.`);
    return answer;
  };
}
