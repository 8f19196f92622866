import { describe, expect, it } from 'vitest';
import { EvalError, Evaluator, type EvalScope, type ResponseInfo } from '../../../electron/core/uploaders/sxcu/evaluate.js';
import { escapeSyntax, parseSyntax, SyntaxProblem } from '../../../electron/core/uploaders/sxcu/syntax.js';

function response(text: string, extra: Partial<ResponseInfo> = {}): ResponseInfo {
  const headers = new Headers(extra.headers ? undefined : { 'Content-Type': 'application/json', Location: 'https://host.example/i/abc' });
  return { status: 200, url: 'https://host.example/final', headers, text, ...extra };
}

function run(source: string, scope: Partial<EvalScope> = {}): string {
  return new Evaluator({
    fileName: 'shot 1.png',
    input: '',
    urlEncode: false,
    random: () => 0,
    answer: () => {
      throw new Error('no answer expected');
    },
    ...scope,
  }).evaluate(parseSyntax(source));
}

const json = JSON.stringify({
  data: { url: 'https://i.example/a.png', thumb: { url: 'https://i.example/a.th.png' }, width: 640, nsfw: false, tags: ['a', 'b'], empty: null },
  files: [{ url: 'https://f.example/1', size: 10 }, { url: 'https://f.example/2', size: 30 }],
  'odd key': 'spaced',
});

describe('the ShareX syntax parser', () => {
  it('keeps plain text and resolves escapes', () => {
    expect(run('https://host.example/upload')).toBe('https://host.example/upload');
    expect(run('a \\{literal\\} \\| bar \\\\ and \\%')).toBe('a {literal} | bar \\ and %');
    expect(run('trailing backslash\\')).toBe('trailing backslash');
  });

  it('matches function names case-insensitively and accepts the prompt alias', () => {
    expect(run('{FileName}')).toBe('shot 1.png');
    expect(run('{PROMPT:Title}', { answer: (call) => `answer to ${call.name}` })).toBe('answer to inputbox');
  });

  it('refuses unknown functions, missing parameters, open braces and stray delimiters with the position', () => {
    const problem = (source: string) => {
      try {
        parseSyntax(source);
      } catch (err) {
        expect(err).toBeInstanceOf(SyntaxProblem);
        return (err as Error).message;
      }
      throw new Error(`${source} parsed`);
    };
    expect(problem('x{jsn:data.url}')).toContain('{jsn} at character 2 is not a ShareX function (known: response, responseurl');
    expect(problem('{random:only-one}')).toContain('needs at least 2 parameters, as in {random:a.example|b.example}');
    expect(problem('{json}')).toContain('needs at least 1 parameter');
    expect(problem('{json:data.url')).toContain('the call {json that starts at character 1 has no closing "}"');
    expect(problem('a}b')).toContain('an unescaped "}" at character 2');
    expect(problem('a|b')).toContain('write \\| for a literal |');
    expect(problem('{}')).toContain('names no function');
    expect(problem('{json|x}')).toContain('parameters start with ":"');
  });

  it('escapeSyntax writes text the parser reads back unchanged', () => {
    const nasty = 'a{b}c|d\\e:f%g';
    expect(run(escapeSyntax(nasty))).toBe(nasty);
  });
});

describe('the ShareX functions', () => {
  it('{response} is the body and {responseurl} the final URL after redirects', () => {
    expect(run('{response}', { response: response('plain body') })).toBe('plain body');
    expect(run('{responseurl}', { response: response('') })).toBe('https://host.example/final');
  });

  it('{header:name} reads a response header, case-insensitively, and is empty when missing', () => {
    expect(run('{header:location}', { response: response('') })).toBe('https://host.example/i/abc');
    expect(run('[{header:X-Missing}]', { response: response('') })).toBe('[]');
  });

  it('{json:path} implies $., follows names and indexes, and converts values to text', () => {
    const r = { response: response(json) };
    expect(run('{json:data.url}', r)).toBe('https://i.example/a.png');
    expect(run('{json:$.data.thumb.url}', r)).toBe('https://i.example/a.th.png');
    expect(run('{json:files[1].url}', r)).toBe('https://f.example/2');
    expect(run('{json:files[-1].size}', r)).toBe('30');
    expect(run("{json:['odd key']}", r)).toBe('spaced');
    expect(run('{json:data.width}x{json:data.nsfw}', r)).toBe('640xfalse');
    expect(run('[{json:data.empty}][{json:data.missing}]', r)).toBe('[][]');
    expect(run('{json:data.tags}', r)).toBe('["a","b"]');
    expect(run("{json:files[?(@.size > 20)].url}", r)).toBe('https://f.example/2');
    expect(run('{json:..thumb.url}', r)).toBe('https://i.example/a.th.png');
  });

  it('{json:input|path} reads its own input, which may be another call', () => {
    expect(run('{json:\\{"a":\\{"b":"c"\\}\\}|a.b}')).toBe('c');
    expect(run('{json:{response}|data.url}', { response: response(json) })).toBe('https://i.example/a.png');
  });

  it('{json:…} on a body that is not JSON, or a path with several matches, fails with the reason', () => {
    expect(() => run('{json:data.url}', { response: response('<html>Bad gateway</html>') })).toThrow(
      new EvalError('response', 'expected JSON but got "<html>Bad gateway</html>"'),
    );
    expect(() => run('{json:files[*].url}', { response: response(json) })).toThrow('matches 2 values; ShareX needs exactly one');
  });

  it('{xml:xpath} and {xml:input|xpath} read XML with XPath 1.0', () => {
    const xml = '<?xml version="1.0"?><files><file id="7"><url>https://x.example/1</url></file><file><url>https://x.example/2</url></file></files>';
    const r = { response: response(xml) };
    expect(run('{xml:/files/file[2]/url}', r)).toBe('https://x.example/2');
    expect(run('{xml://file[1]/@id}', r)).toBe('7');
    expect(run('{xml:<a><b>inner</b></a>|/a/b}')).toBe('inner');
    expect(run('[{xml:/files/none}]', r)).toBe('[]');
    expect(() => run('{xml:/a}', { response: response('not <xml') })).toThrow('expected XML but got');
  });

  it('{regex:…} patterns write a backslash as \\\\, since \\ escapes the next character', () => {
    expect(run('{regex:ad1|\\\\d|}')).toBe('1');
    expect(run('{regex:ad1|\\d|}')).toBe('d');
  });

  it('{regex:…} returns the match, a numbered group or a named group, from the response or its own input', () => {
    const r = { response: response('<a href="https://r.example/x1">link</a> id=42') };
    expect(run('{regex:(?<=href=").+?(?=")}', r)).toBe('https://r.example/x1');
    expect(run('{regex:href="(.+?)"|1}', r)).toBe('https://r.example/x1');
    expect(run('{regex:id=(?<id>\\\\d+)|id}', r)).toBe('42');
    expect(run("{regex:id=(?'id'\\\\d+)|id}", r)).toBe('42');
    expect(run('{regex:(?i)HREF="(.+?)"|1}', r)).toBe('https://r.example/x1');
    expect(run('{regex:abc-123|(\\\\d+)|1}')).toBe('123');
    expect(run('[{regex:nomatch}][{regex:(x)?id|1}]', r)).toBe('[][]');
  });

  it('{filename} and {input} are URL-encoded where ShareX encodes them', () => {
    expect(run('{filename}')).toBe('shot 1.png');
    expect(run('{filename}', { urlEncode: true })).toBe('shot%201.png');
    expect(run('{input}', { input: 'https://a.example/?q=ü&x=(1)', urlEncode: true })).toBe('https%3A%2F%2Fa.example%2F%3Fq%3D%C3%BC%26x%3D%281%29');
  });

  it('{random:a|b|…} picks with the injected random source', () => {
    expect(run('{random:a|b|c}', { random: () => 0 })).toBe('a');
    expect(run('{random:a|b|c}', { random: () => 0.5 })).toBe('b');
    expect(run('{random:a|b|c}', { random: () => 0.999 })).toBe('c');
  });

  it('{select:…} and {inputbox:…} take the answer given for them', () => {
    const asked: string[] = [];
    const answer = (call: { name: string; written: string }) => {
      asked.push(call.written);
      return call.name === 'select' ? 'b.example' : 'My album';
    };
    expect(run('https://{select:a.example|b.example}/up?album={inputbox:Album|default}', { answer })).toBe('https://b.example/up?album=My album');
    expect(asked).toEqual(['select', 'inputbox']);
  });

  it('{outputbox:…} shows its text and adds nothing to the value', () => {
    const shown: string[] = [];
    expect(run('a{outputbox:Note|hello}b{outputbox:plain}', { output: (title, text) => shown.push(`${title}: ${text}`) })).toBe('ab');
    expect(shown).toEqual(['Note: hello', 'Output: plain']);
  });

  it('{base64:…} encodes UTF-8, colons included', () => {
    expect(run('Basic {base64:user:päss}')).toBe(`Basic ${Buffer.from('user:päss').toString('base64')}`);
  });

  it('calls nest to any depth', () => {
    const r = { response: response(JSON.stringify({ inner: JSON.stringify({ link: 'https://n.example/z' }) })) };
    expect(run('{json:{json:inner}|link}', r)).toBe('https://n.example/z');
    expect(run('{base64:{regex:{response}|n\\.(ex)ample|1}}', r)).toBe(Buffer.from('ex').toString('base64'));
  });

  it('a response function in a request field fails clearly', () => {
    expect(() => run('{json:data.url}')).toThrow('{json} reads the host\'s response, so it can only be used in URL');
  });
});
