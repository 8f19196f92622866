import { describe, expect, it } from 'vitest';
import { SxcuError } from '../../../electron/core/uploaders/sxcu/errors.js';
import { readSxcu } from '../../../electron/core/uploaders/sxcu/read.js';
import { sharexJson } from '../../support/sxcu.js';

const sharex = sharexJson;

function refusal(text: string, source = 'host.sxcu'): SxcuError {
  try {
    readSxcu(text, { source });
  } catch (err) {
    expect(err).toBeInstanceOf(SxcuError);
    return err as SxcuError;
  }
  throw new Error('the file was accepted');
}

const current = sharex({
  Version: '16.1.0',
  Name: 'example host',
  DestinationType: 'ImageUploader, FileUploader',
  RequestMethod: 'PUT',
  RequestURL: 'https://img.example/api/upload',
  Headers: { Authorization: 'Bearer abc' },
  Body: 'MultipartFormData',
  Arguments: { expires: '1d' },
  FileFormName: 'file',
  URL: '{json:files[0].url}',
  ThumbnailURL: '{json:files[0].thumb}',
  DeletionURL: '{json:files[0].delete}',
  ErrorMessage: '{json:error.message}',
});

describe('reading .sxcu files', () => {
  it('reads every field of a current-syntax file', () => {
    const { spec, warnings, migratedFrom, lines } = readSxcu(current);
    expect(spec).toEqual({
      version: '16.1.0',
      name: 'example host',
      destinations: ['ImageUploader', 'FileUploader'],
      method: 'PUT',
      requestUrl: 'https://img.example/api/upload',
      parameters: [],
      headers: [{ name: 'Authorization', value: 'Bearer abc' }],
      body: 'MultipartFormData',
      arguments: [{ name: 'expires', value: '1d' }],
      fileFormName: 'file',
      data: '',
      url: '{json:files[0].url}',
      thumbnailUrl: '{json:files[0].thumb}',
      deletionUrl: '{json:files[0].delete}',
      errorMessage: '{json:error.message}',
    });
    expect(warnings).toEqual([]);
    expect(migratedFrom).toBeUndefined();
    expect(lines['Headers.Authorization']).toBe(8);
    expect(lines.URL).toBe(15);
  });

  it('migrates the old $…$ syntax of ShareX 13.7.1 and older', () => {
    const { spec, migratedFrom } = readSxcu(
      sharex({
        Version: '13.1.0',
        Name: 'imgbb.com',
        DestinationType: 'ImageUploader',
        RequestMethod: 'POST',
        RequestURL: 'https://api.imgbb.com/1/upload',
        Parameters: { key: '$prompt:API key|none$', name: 'shot-$filename$' },
        Body: 'MultipartFormData',
        Arguments: { cost: '100\\$ {ok} a|b \\%y', auth: 'Basic $base64:me:p|w$' },
        FileFormName: 'image',
        URL: '$json:data.url$',
        ThumbnailURL: '$json:data.thumb.url$',
        DeletionURL: 'https://$random:a.example|b.example$/$header:X-Id$',
      }),
    );
    expect(migratedFrom).toBe('13.1.0');
    expect(spec.version).toBe('14.0.0');
    expect(spec.url).toBe('{json:data.url}');
    expect(spec.thumbnailUrl).toBe('{json:data.thumb.url}');
    expect(spec.deletionUrl).toBe('https://{random:a.example|b.example}/{header:X-Id}');
    expect(spec.parameters).toEqual([
      { name: 'key', value: '{inputbox:API key|none}' },
      { name: 'name', value: 'shot-{filename}' },
    ]);
    expect(spec.arguments).toEqual([
      { name: 'cost', value: '100$ \\{ok\\} a\\|b \\%y' },
      { name: 'auth', value: 'Basic {base64:me:p\\|w}' },
    ]);
  });

  it('carries RegexList patterns into {regex:…} calls', () => {
    const { spec } = readSxcu(
      sharex({
        Version: '12.4.1',
        RequestURL: 'https://old.example/up.php',
        Body: 'MultipartFormData',
        FileFormName: 'f',
        RegexList: ['href="(?<u>[^"]+)"', 'id=(\\d+)'],
        URL: '$regex:1|u$',
        DeletionURL: 'https://old.example/del/$regex:2,1$',
        ThumbnailURL: '$regex:2$',
      }),
    );
    expect(spec.url).toBe('{regex:href="(?<u>[^"]+)"|u}');
    expect(spec.deletionUrl).toBe('https://old.example/del/{regex:id=(\\\\d+)|1}');
    expect(spec.thumbnailUrl).toBe('{regex:id=(\\\\d+)}');
  });

  it('refuses an old-syntax reference to a RegexList entry that does not exist', () => {
    const err = refusal(sharex({ Version: '13.0.0', RequestURL: 'https://o.example', Body: 'Binary', URL: '$regex:3|1$', RegexList: ['a'] }));
    expect(err.message).toBe(
      'host.sxcu, line 5, URL: $regex:3|1$ refers to RegexList entry 3, but the file\'s RegexList has 1 entry (this file uses ShareX\'s old $…$ syntax).',
    );
    expect(refusal(sharex({ Version: '13.0.0', RequestURL: 'https://o.example', Body: 'Binary', URL: 'costs $5' })).problem).toContain(
      'opens a function that is never closed with "$"; write \\$ for a literal dollar sign',
    );
  });

  it('refuses a RequestURL in a scheme other than http(s), rather than taking it for a placeholder to ask about', () => {
    for (const requestUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi']) {
      const err = refusal(sharex({ Version: '13.0.0', RequestURL: requestUrl, Body: 'Binary' }));
      expect(err.message).toMatch(/RequestURL/);
    }
  });

  it('refuses files from ShareX 12.3.1 and older, as ShareX does, and bad version numbers', () => {
    expect(refusal(sharex({ RequestURL: 'https://a.example', Body: 'Binary' })).code).toBe('sxcu_unsupported');
    expect(refusal(sharex({ RequestURL: 'https://a.example', Body: 'Binary' })).message).toContain('has no Version');
    const old = refusal(sharex({ Version: '12.3.1', RequestURL: 'https://a.example', Body: 'Binary' }));
    expect(old.message).toBe(
      'host.sxcu, line 2, Version: it was written by ShareX 12.3.1; files from ShareX 12.3.1 and older are no longer read (ShareX refuses them too). Export it again from a current ShareX.',
    );
    expect(refusal(sharex({ Version: 'latest', RequestURL: 'https://a.example', Body: 'Binary' })).message).toContain(
      'line 2, Version: "latest" is not a version number',
    );
  });

  it('names the line of a JSON syntax error', () => {
    const broken = current.replace('"Bearer abc"\n', '"Bearer abc",\n    "Broken" "x"\n');
    const err = refusal(broken);
    expect(err.code).toBe('sxcu_invalid');
    expect(err.message).toBe('host.sxcu, line 9: it is not valid JSON: Unexpected character "\\"" after the field name "Broken": expected : (column 14).');
    expect(refusal('').message).toContain('The file is empty');
    expect(refusal('{"Version": "14.0.0",\n "Name": "x"').message).toContain('line 2: it is not valid JSON: The file ends before the { opened at line 1 is closed with }');
    expect(refusal('[1, 2]').message).toContain('it holds a list, not a JSON object');
  });

  it('names the field and line of an expression ShareX cannot run', () => {
    const err = refusal(current.replace('{json:files[0].url}', '{jsn:files[0].url}'));
    expect(err.message).toMatch(/^host\.sxcu, line 15, URL: \{jsn\} at character 1 is not a ShareX function \(known: response, /);
    expect(refusal(current.replace('Bearer abc', 'Bearer {json:token}')).message).toContain(
      "line 8, Headers.Authorization: {json:…} reads the host's response, which does not exist yet when the request is made",
    );
    expect(refusal(current.replace('{json:error.message}', '{regex:(unclosed|1}')).message).toMatch(
      /line 18, ErrorMessage: \/\(unclosed\/ is not a regular expression Shotput can run \(.+\)/,
    );
    expect(refusal(current.replace('{json:files[0].url}', '{json:files[0.url}')).message).toContain('line 15, URL: the JSON path "files[0.url" cannot be read');
    expect(refusal(current.replace('1d', '{select:{json:a|b}|c}')).message).toContain(
      'line 12, Arguments.expires: the parameters of {select} must be plain text, so Shotput can ask before the upload',
    );
  });

  it('names the field and line of a value of the wrong type', () => {
    expect(refusal(current.replace('"Bearer abc"', '{"scheme": "Bearer"}')).message).toBe(
      'host.sxcu, line 8, Headers.Authorization: must be text, but it is an object.',
    );
    expect(refusal(current.replace('{\n    "expires": "1d"\n  }', '"expires=1d"')).message).toBe(
      'host.sxcu, line 11, Arguments: must be an object of names and values, such as {"name": "value"}, but it is text.',
    );
    expect(refusal(current.replace('"PUT"', '"SEND"')).message).toContain('line 5, RequestMethod: "SEND" is not a request method; use one of: GET, POST, PUT, PATCH, DELETE');
    expect(refusal(current.replace('"MultipartFormData"', '"Form"')).message).toContain('line 10, Body: "Form" is not a body type');
    expect(refusal(current.replace('"ImageUploader, FileUploader"', '"ImageUploader, Printer"')).message).toContain(
      'line 4, DestinationType: "Printer" is not a destination type',
    );
    expect(refusal(current.replace('"Name": "example host",', '"Name": "a",\n  "name": "b",')).message).toContain('line 4, name: "name" is written twice (first on line 3)');
  });

  it('accepts what ShareX\'s JSON reader accepts: BOM, comments, trailing commas, any-case names, numbers for enums', () => {
    const text = `\uFEFF{
      // exported by hand
      "version": "15.0.0", "requesturl": "https://h.example/up",
      "Body": 5, /* Binary */ "DestinationType": 4,
      "Headers": {"X-Count": 3, "X-Flag": true,},
    }`;
    const { spec } = readSxcu(text);
    expect(spec.body).toBe('Binary');
    expect(spec.destinations).toEqual(['FileUploader']);
    expect(spec.headers).toEqual([
      { name: 'X-Count', value: '3' },
      { name: 'X-Flag', value: 'true' },
    ]);
  });

  it('moves a query string written in RequestURL into Parameters, decoded, without overriding', () => {
    const { spec } = readSxcu(
      sharex({
        Version: '14.0.0',
        DestinationType: 'URLShortener',
        RequestMethod: 'GET',
        RequestURL: 'https://s.example/api?format=simple&url={input}&key=kept&note=a%20b+c&flag',
        Parameters: { key: 'mine' },
      }),
    );
    expect(spec.requestUrl).toBe('https://s.example/api');
    expect(spec.parameters).toEqual([
      { name: 'key', value: 'mine' },
      { name: 'format', value: 'simple' },
      { name: 'url', value: '{input}' },
      { name: 'note', value: 'a b c' },
      { name: 'flag', value: '' },
    ]);
  });

  it('falls back to the host for the name, and infers a file destination with a warning', () => {
    const { spec, warnings } = readSxcu(sharex({ Version: '14.0.0', RequestURL: 'www.files.example/upload', Body: 'MultipartFormData', FileFormName: 'file', Extra: 1 }));
    expect(spec.name).toBe('files.example');
    expect(spec.destinations).toEqual(['ImageUploader', 'FileUploader']);
    expect(warnings).toEqual([
      'Ignored the field "Extra" (line 6): it is not part of the custom uploader format.',
      'The file names no DestinationType; as it sends a file, Shotput uses it as an image and file uploader.',
    ]);
  });

  it('infers a text uploader and URL shortener for an old file that sends {input} and no file', () => {
    const { spec, warnings } = readSxcu(sharex({ Version: '12.4.1', RequestMethod: 'GET', RequestURL: 'https://tiny.example/api?url=$input$' }));
    expect(spec.destinations).toEqual(['TextUploader', 'URLShortener']);
    expect(spec.parameters).toEqual([{ name: 'url', value: '{input}' }]);
    expect(warnings).toEqual(['The file names no DestinationType; as it sends {input}, Shotput uses it as a text uploader and URL shortener.']);
  });

  it('refuses bodies that cannot carry what the destination sends, naming the Body line', () => {
    const form = refusal(current.replace('"MultipartFormData"', '"FormURLEncoded"'));
    expect(form.code).toBe('sxcu_unsupported');
    expect(form.message).toBe(
      'host.sxcu, line 10, Body: it is an image uploader, but a FormURLEncoded body cannot carry a file (ShareX fails with "Unsupported request format"); use MultipartFormData with FileFormName, or Binary.',
    );
    expect(refusal(current.replace('"file"', '""')).message).toContain('line 14, FileFormName: FileFormName is empty');
    expect(refusal(sharex({ Version: '14.0.0', RequestURL: 'https://a.example', DestinationType: 'URLShortener', Body: 'Binary' })).message).toContain(
      'a Binary body cannot carry a URL',
    );
    expect(refusal(sharex({ Version: '14.0.0', RequestURL: 'https://a.example', Body: 'None' })).message).toContain('it names no destination');
    expect(refusal(current.replace('"PUT"', '"GET"')).message).toContain('line 5, RequestMethod: a GET request carries no body, but Body is MultipartFormData');
  });

  it('refuses a RequestURL that is not a web address, and %rf{…}, which reads the user\'s files', () => {
    expect(refusal(current.replace('https://img.example/api/upload', 'https://')).message).toBe(
      'host.sxcu, line 6, RequestURL: "https://" is not a web address; replace it with the host\'s upload address, such as https://host.example/upload.',
    );
    // A placeholder where the user's own address goes becomes a question asked before the upload.
    expect(readSxcu(current.replace('https://img.example/api/upload', '<Your webhook URL>')).spec.requestUrl).toBe('{inputbox:<Your webhook URL>}');
    expect(refusal(current.replace('https://img.example/api/upload', 'ftp://img.example/')).code).toBe('sxcu_unsupported');
    expect(refusal(current.replace('1d', '%rf{C:\\\\secrets.txt}')).message).toContain('line 12, Arguments.expires: %rf{…} reads a line from a file on your computer');
    expect(readSxcu(current.replace('https://img.example/api/upload', 'https://{select:a.example|b.example}/up')).spec.requestUrl).toBe(
      'https://{select:a.example|b.example}/up',
    );
  });

  it('reads name patterns in maps before the syntax, so %rn{4} is not a call', () => {
    expect(readSxcu(current.replace('1d', 'id-%rn{4}-%ra{8}')).spec.arguments[0]!.value).toBe('id-%rn{4}-%ra{8}');
  });
});
