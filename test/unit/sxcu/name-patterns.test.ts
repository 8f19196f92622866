import { describe, expect, it } from 'vitest';
import { expandNamePatterns, expandNamePatternsKeepingEscapes, type NamePatternEnv } from '../../../electron/core/uploaders/sxcu/name-patterns.js';

/** Tuesday 5 March 2024, 14:07:09.045 local time; random numbers come from a fixed sequence. */
function env(randoms: number[] = [0], overrides: Partial<NamePatternEnv> = {}): NamePatternEnv {
  let i = 0;
  return {
    now: () => new Date(2024, 2, 5, 14, 7, 9, 45),
    random: () => randoms[i++ % randoms.length]!,
    uuid: () => 'AbCd0000-1111-2222-3333-444455556666',
    userName: 'ada',
    userDomain: 'LAB',
    machineName: 'box',
    locale: 'en-US',
    ...overrides,
  };
}

describe('% name patterns', () => {
  it('expand the date and time from the injected clock', () => {
    const e = env();
    expect(expandNamePatterns('%y-%mo-%d %h:%mi:%s.%ms', e)).toBe('2024-03-05 14:07:09.045');
    expect(expandNamePatterns('%yy %mon2 %w2 week %wy', e)).toBe('24 March Tuesday week 10');
    expect(expandNamePatterns('%h %pm', e)).toBe('02 PM');
    expect(expandNamePatterns('%unix', e)).toBe(String(Math.floor(new Date(2024, 2, 5, 14, 7, 9, 45).getTime() / 1000)));
    expect(expandNamePatterns('%mon %w', env([0], { locale: 'de-DE' }))).toBe('März Dienstag');
  });

  it('expand random characters and GUIDs from the injected random source, each occurrence anew', () => {
    expect(expandNamePatterns('%rn{4}', env([0, 0.15, 0.55, 0.99]))).toBe('0159');
    expect(expandNamePatterns('%rn%rn', env([0.1, 0.2]))).toBe('12');
    expect(expandNamePatterns('%ra{3}', env([0, 0.999, 10 / 62]))).toBe('0zA');
    expect(expandNamePatterns('%rx{2}%rX', env([0.99, 0.99, 0.99]))).toBe('ffF');
    expect(expandNamePatterns('%rna', env([0]))).toBe('2');
    expect(expandNamePatterns('%guid %GUID', env())).toBe('abcd0000-1111-2222-3333-444455556666 ABCD0000-1111-2222-3333-444455556666');
    expect(expandNamePatterns('%radjective%ranimal', env([0]))).toBe('AbleAlbatross');
    expect(expandNamePatterns('%remoji{2}', env([0]))).toBe('😀😀');
  });

  it('expand the machine names, new lines and the auto-increment number ShareX gives custom uploaders', () => {
    expect(expandNamePatterns('%un@%uln on %cn', env())).toBe('ada@LAB on box');
    expect(expandNamePatterns('a%nb', env())).toBe('a\nb');
    expect(expandNamePatterns('%i %i{3} %ix{2} %iA %ib{2,4}', env())).toBe('1 001 01 1 0001');
  });

  it('leave unknown patterns, lone percent signs and window patterns as written', () => {
    expect(expandNamePatterns('100% sure, %t %pn %zz', env())).toBe('100% sure, %t %pn %zz');
    expect(expandNamePatterns('%width x %height', env())).toBe(' x ');
    expect(expandNamePatterns('%widthx%height', env([0], { imageWidth: 640, imageHeight: 480 }))).toBe('640x480');
  });

  it('keep \\% and \\\\ for the syntax parser in fields that go through it', () => {
    expect(expandNamePatternsKeepingEscapes('\\%y is %y, \\\\%d', env())).toBe('\\%y is 2024, \\\\05');
  });
});
