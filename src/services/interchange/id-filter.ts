/**
 * A fixed-size set of ids that answers "maybe" or "surely not" (a Bloom filter): what the import has
 * written so far, so a batch looks up only the ids it may have written already instead of every id
 * (ADR 0015, 2026-12-01 evening). Never a false "surely not"; a false "maybe" only costs a look-up.
 * Its memory is fixed whatever the ledger's size: 2^log2Bits bits (8 MiB by default). At a million
 * ids about one in ten million is a false "maybe"; at ten million, one in twenty.
 */
export class IdFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(
    log2Bits = 26,
    private readonly probes = 7,
  ) {
    this.bits = new Uint32Array(2 ** Math.max(5, log2Bits) / 32);
    this.mask = this.bits.length * 32 - 1;
  }

  /** Remembers an id. */
  add(id: string): void {
    const [h1, h2] = hashes(id);
    for (let i = 0; i < this.probes; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False when `id` was surely never added; true when it may have been. */
  mightHave(id: string): boolean {
    const [h1, h2] = hashes(id);
    for (let i = 0; i < this.probes; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit hashes of a string (FNV-1a with two offset bases, then a murmur finaliser). */
function hashes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  // Odd, so the probes i·h2 never repeat a bit before wrapping.
  return [mix(a) >>> 0, (mix(b) | 1) >>> 0];
}

function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
