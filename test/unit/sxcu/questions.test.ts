import { describe, expect, it } from 'vitest';
import { listQuestions, resolveAnswers } from '../../../electron/core/uploaders/sxcu/questions.js';
import { sxcuSpec } from '../../support/sxcu.js';

const spec = sxcuSpec({
  Name: 'asks',
  DestinationType: 'ImageUploader',
  RequestURL: 'https://{select:eu.example|us.example}/upload',
  Parameters: { album: '{inputbox:Album|holiday}', again: '{prompt:Album|other default}' },
  Headers: { 'X-Password': '{base64:{inputbox:Password}}' },
  Body: 'MultipartFormData',
  Arguments: { domain: '{select:a.example|b.example|}', plain: '{inputbox}' },
  FileFormName: 'file',
  URL: 'https://{select:eu.example|us.example}/{json:id}',
});

describe('questions a custom uploader asks', () => {
  it('are listed once each, in the order ShareX asks them, with where they are used', () => {
    expect(listQuestions(spec)).toEqual([
      { id: 'RequestURL', kind: 'select', prompt: 'Choose the RequestURL', options: ['eu.example', 'us.example'], usedIn: ['RequestURL', 'URL'] },
      { id: 'Album', kind: 'text', prompt: 'Album', default: 'holiday', usedIn: ['Parameters.album', 'Parameters.again'] },
      { id: 'Password', kind: 'text', prompt: 'Password', default: '', usedIn: ['Headers.X-Password'] },
      { id: 'domain', kind: 'select', prompt: 'Choose the domain', options: ['a.example', 'b.example'], usedIn: ['Arguments.domain'] },
      { id: 'Input', kind: 'text', prompt: 'Input', default: '', usedIn: ['Arguments.plain'] },
    ]);
  });

  it('takes answers by id, case-insensitively, and checks choices', () => {
    const questions = listQuestions(spec);
    const answers = { requesturl: 'US.EXAMPLE', album: 'Cats', Password: 'pw', domain: 'a.example', input: '' };
    expect(Object.fromEntries(resolveAnswers('custom:asks', questions, answers))).toEqual({
      RequestURL: 'us.example',
      Album: 'Cats',
      Password: 'pw',
      domain: 'a.example',
      Input: '',
    });
    expect(() => resolveAnswers('custom:asks', questions, { ...answers, domain: 'c.example' })).toThrow(
      'custom:asks: "c.example" is not a choice for "domain"; choose one of: a.example, b.example.',
    );
  });

  it('refuses to go on with a question unanswered, naming each one', () => {
    expect(() => resolveAnswers('custom:asks', listQuestions(spec), { RequestURL: 'eu.example', Album: 'x', Password: 'y' })).toThrow(
      'custom:asks asks 2 questions before it uploads: "domain" (one of: a.example, b.example); "Input" (text). Answer them and try again.',
    );
  });

  it('a file without questions asks nothing', () => {
    const plain = sxcuSpec({ DestinationType: 'ImageUploader', RequestURL: 'https://p.example', Body: 'Binary' });
    expect(listQuestions(plain)).toEqual([]);
    expect(resolveAnswers('custom:p', [], undefined).size).toBe(0);
  });
});
