/**
 * Strict UTF-8 for files people hand us (import folders, ladder files): Node's lenient decoding turns a
 * byte that is not UTF-8 into U+FFFD and the damage is stored silently, so it is refused with its place.
 */

export type Utf8Result =
  | { ok: true; text: string }
  /** `line` and `column` are 1-based; the column counts bytes of that line. */
  | { ok: false; line: number; column: number; byte: string };

const STRICT = new TextDecoder('utf-8', { fatal: true });

/** Decodes `bytes` as UTF-8 (a leading BOM is dropped), or says where the first bad sequence starts. */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: STRICT.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, at);
    return {
      ok: false,
      line: before.filter((byte) => byte === 0x0a).length + 1,
      column: at - (before.lastIndexOf(0x0a) + 1) + 1,
      byte: `0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')}`,
    };
  }
}

/**
 * Offset of the lead byte of the first sequence that is not UTF-8 (RFC 3629: no overlong forms, no
 * surrogates U+D800–DFFF, nothing above U+10FFFF), so the column points at the character people see.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    // Length of the sequence and the allowed range of its second byte, by lead byte.
    let length = 0;
    let [low, high] = [0x80, 0xbf];
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    }
    if (length === 0) return index;
    for (let k = 1; k < length; k += 1) {
      const byte = bytes[index + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return bytes.length;
}
