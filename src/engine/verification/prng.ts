/**
 * The seeded pseudo-random generator of verification sampling: mulberry32 (Tommy Ettinger, public
 * domain; a 32-bit state advanced by the Weyl constant 0x6D2B79F5 and mixed by two multiply-xorshift
 * rounds). Pure and portable: the same seed gives the same sequence on every platform, which is all
 * a reproducible audit sample needs (it is not a cryptographic generator, and need not be).
 */
export interface Prng {
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** A uniform integer in [0, n) for 1 <= n <= 2^32, unbiased (rejection sampling). */
  below(n: number): number;
}

export const MAX_SEED = 0xffffffff;

export function mulberry32(seed: number): Prng {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}`);
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const below = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new RangeError(`below(n): n must be an integer from 1 to 2^32, got ${n}`);
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };
  return { nextUint32, below };
}
