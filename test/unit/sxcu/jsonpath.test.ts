import { describe, expect, it } from 'vitest';
import { compileJsonPath, selectJsonPath } from '../../../electron/core/uploaders/sxcu/jsonpath.js';

const doc = {
  status: 'ok',
  'file-info': { 'the url': 'https://a.example/1' },
  files: [
    { name: 'a', size: 5, tags: ['x'] },
    { name: 'b', size: 50, tags: [] },
    { name: 'c', size: 500, meta: { url: 'https://a.example/c' } },
  ],
};

describe('JSONPath as {json:…} reads it', () => {
  it('implies $. and reads dot names, bracket names and indexes', () => {
    expect(selectJsonPath(doc, 'status')).toEqual(['ok']);
    expect(selectJsonPath(doc, '$.status')).toEqual(['ok']);
    expect(selectJsonPath(doc, "['file-info']['the url']")).toEqual(['https://a.example/1']);
    expect(selectJsonPath(doc, 'file-info["the url"]')).toEqual(['https://a.example/1']);
    expect(selectJsonPath(doc, 'files[2].name')).toEqual(['c']);
    expect(selectJsonPath(doc, 'files[-1].name')).toEqual(['c']);
    expect(selectJsonPath(doc, 'files[9].name')).toEqual([]);
    expect(selectJsonPath(doc, 'status.nope')).toEqual([]);
  });

  it('reads wildcards, slices, index lists and descent', () => {
    expect(selectJsonPath(doc, 'files[*].name')).toEqual(['a', 'b', 'c']);
    expect(selectJsonPath(doc, 'files.*.size')).toEqual([5, 50, 500]);
    expect(selectJsonPath(doc, 'files[0:2].name')).toEqual(['a', 'b']);
    expect(selectJsonPath(doc, 'files[-2:].name')).toEqual(['b', 'c']);
    expect(selectJsonPath(doc, 'files[::2].name')).toEqual(['a', 'c']);
    expect(selectJsonPath(doc, 'files[0,2].name')).toEqual(['a', 'c']);
    expect(selectJsonPath(doc, '..url')).toEqual(['https://a.example/c']);
  });

  it('reads filters with comparisons, regular expressions, existence and && ||', () => {
    expect(selectJsonPath(doc, "files[?(@.name == 'b')].size")).toEqual([50]);
    expect(selectJsonPath(doc, 'files[?(@.size >= 50 && @.size < 500)].name')).toEqual(['b']);
    expect(selectJsonPath(doc, "files[?(@.name == 'a' || @.meta)].name")).toEqual(['a', 'c']);
    expect(selectJsonPath(doc, 'files[?(@.name =~ /^[bc]$/)].name')).toEqual(['b', 'c']);
    expect(selectJsonPath(doc, 'files[?(!@.meta)].name')).toEqual(['a', 'b']);
  });

  it('refuses paths it cannot read, saying where', () => {
    expect(() => compileJsonPath('files[0.url')).toThrow('the JSON path "files[0.url" cannot be read');
    expect(() => compileJsonPath('files..')).toThrow('a name is missing after "."');
    expect(() => compileJsonPath('files[?(@.a == )]')).toThrow('expected @.name, a quoted text, a number');
  });
});
