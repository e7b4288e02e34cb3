/**
 * Seeded randomness. Two kinds, for two jobs:
 * - `Prng`, a sequential stream (sfc32) for draws whose order is part of the semantics,
 *   such as cockatiel's jitter generators calling `Math.random()`;
 * - `uniformAt`, a counter-based hash: the value for (seed, a, b, c) does not depend on
 *   what was drawn before, so a request's latency and failure are the same whichever
 *   order two implementations happen to process events in.
 */

/** A 32-bit finaliser (murmur3 fmix32) over a running hash. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

/** A uniform number in [0, 1) determined only by its four inputs. */
export function uniformAt(seed: number, a: number, b: number, c: number): number {
  let h = fmix(seed ^ 0x9e3779b9);
  h = fmix(h ^ Math.imul(a, 0x9e3779b1));
  h = fmix(h ^ Math.imul(b, 0x85ebca77));
  h = fmix(h ^ Math.imul(c, 0xc2b2ae3d));
  return h / TWO_POW_32;
}

/** sfc32: small, fast, and passes PractRand far beyond what a simulation draws. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** The next number in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / TWO_POW_32;
  }
}

/** A standard normal deviate from two uniforms (Box–Muller). */
export function normalFrom(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}
