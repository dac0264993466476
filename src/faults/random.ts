/** A source of numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * mulberry32: a small, fast 32-bit generator, good enough to decide whether a fault fires. The same
 * seed gives the same sequence on every run and machine, so a probabilistic fault is repeatable.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
