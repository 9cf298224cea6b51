import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './utf8.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('strict UTF-8', () => {
  it('decodes valid text and multi-byte characters, dropping a BOM', () => {
    expect(decodeUtf8(bytes('\uFEFFJosé 😀\n'))).toEqual({ ok: true, text: 'José 😀\n' });
  });

  it.each([
    ['a Latin-1 byte on line 2', bytes('a,b\nJos', [0xe9], '\n'), 2, 4, '0xe9'],
    ['a CESU-8 lone surrogate', bytes('x,', [0xed, 0xa0, 0x80]), 1, 3, '0xed'],
    ['a stray continuation byte first', bytes([0x80], 'abc'), 1, 1, '0x80'],
    ['a sequence cut short before a newline', bytes('ok\nab', [0xc3], '\n'), 2, 3, '0xc3'],
    ['a sequence cut short at the end', bytes('ok', [0xe2, 0x82]), 1, 3, '0xe2'],
    ['an overlong form', bytes('a', [0xc0, 0xaf]), 1, 2, '0xc0'],
    ['a code point above U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), 1, 1, '0xf4'],
  ])('names line, column and byte of %s', (_name, input, line, column, byte) => {
    expect(decodeUtf8(input)).toEqual({ ok: false, line, column, byte });
  });
});
