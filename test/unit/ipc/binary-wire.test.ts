import { describe, expect, it } from 'vitest';
import { decodeBinaryWire, decodeWire, encodeBinaryWire, encodeWire } from '../../../shared/ipc/wire.js';

describe('binary wire frames', () => {
  it('carry byte arrays as bytes beside the JSON, and come back equal', () => {
    const data = new Uint8Array(1_000_003).map((_, i) => i % 251);
    const message = { type: 'invoke', id: 7, channel: 'editor.save', payload: { width: 1, height: 2, data, extra: [new Uint8Array([1, 2, 3])] } };
    const frame = encodeBinaryWire(message);
    expect(frame.length).toBeLessThan(data.length + 200);
    const decoded = decodeBinaryWire(frame) as typeof message;
    expect(Buffer.from(decoded.payload.data).equals(Buffer.from(data))).toBe(true);
    expect({ ...decoded, payload: { ...decoded.payload, data: null } }).toEqual({ ...message, payload: { ...message.payload, data: null } });
  });

  it('refuses a frame cut short or pointing at a blob it does not have', () => {
    const frame = encodeBinaryWire({ data: new Uint8Array(100) });
    expect(() => decodeBinaryWire(frame.subarray(0, frame.length - 10))).toThrow(/cut short/);
    const json = new TextEncoder().encode('{"data":{"$blob":3}}');
    const forged = new Uint8Array(4 + json.length);
    new DataView(forged.buffer).setUint32(0, json.length, true);
    forged.set(json, 4);
    expect(() => decodeBinaryWire(forged)).toThrow(/malformed/);
  });
});

describe('JSON wire messages', () => {
  it('carry bytes as base64 and come back equal', () => {
    const message = { id: 1, payload: { name: 'a.png', data: new Uint8Array([0, 1, 254, 255]) } };
    expect(decodeWire(encodeWire(message))).toEqual(message);
  });

  it('read a message nested 100,000 deep without overflowing the stack (the payload check refuses it by name)', () => {
    const deep = `{"type":"invoke","id":3,"payload":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expect(decodeWire(deep)).toMatchObject({ type: 'invoke', id: 3 });
  });

  it('never turns bytes under a __proto__ key into a prototype', () => {
    const decoded = decodeWire('{"__proto__": {"$bytes": "AAE="}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
  });
});
