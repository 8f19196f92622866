import { describe, expect, it } from 'vitest';
import { CaptureService } from '../../../electron/core/capture/service.js';
import { commandArgv, commandSource, splitCommand } from '../../../electron/core/capture/sources/command.js';

// A user-set screenshot command, run for real without a shell (ImageMagick's convert stands in
// for grim or spectacle: it writes a PNG where {file} says).
describe('external capture command', () => {
  it('splits a template into words without a shell, honouring quotes', () => {
    expect(splitCommand(`spectacle -b -n -o {file}`)).toEqual(['spectacle', '-b', '-n', '-o', '{file}']);
    expect(splitCommand(`grim -g "10,20 300x200" '{file}'`)).toEqual(['grim', '-g', '10,20 300x200', '{file}']);
    expect(splitCommand(`tool a\\ b "" ; rm -rf x`)).toEqual(['tool', 'a b', '', ';', 'rm', '-rf', 'x']);
    expect(commandArgv('grim {file}', '/tmp/a b.png')).toEqual(['grim', '/tmp/a b.png']);
  });

  it('refuses a template without {file} or with an open quote, saying how to fix it', () => {
    expect(() => commandArgv('grim', '/tmp/x.png')).toThrow(/must say where to write the image with \{file\}/);
    expect(() => splitCommand('grim "{file}')).toThrow(/unclosed " quote/);
  });

  it('runs the command and reads back the image it wrote as the whole screen', async () => {
    const capture = new CaptureService(() => ({ source: commandSource({ template: 'convert -size 64x32 xc:#00ff00 {file}' }), reason: 'test' }));
    expect(await capture.listDisplays()).toEqual([expect.objectContaining({ width: 64, height: 32, primary: true })]);
    const image = await capture.captureRegion({ x: 60, y: 30, width: 10, height: 10 });
    expect(image).toMatchObject({ x: 60, y: 30, width: 4, height: 2 });
    expect([...image.data.subarray(0, 4)]).toEqual([0, 255, 0, 255]);
  });

  it('names a command that is not installed, and one that fails with its own message', async () => {
    await expect(commandSource({ template: 'no-such-screenshot-tool {file}' }).captureDisplay('screen')).rejects.toThrow(
      /no-such-screenshot-tool is not installed or not on PATH.*capture\.command/,
    );
    await expect(commandSource({ template: 'convert no-such-input.png {file}' }).captureDisplay('screen')).rejects.toThrow(/failed: .*no-such-input/);
  });
});
