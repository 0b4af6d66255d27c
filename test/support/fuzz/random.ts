import { createHash } from 'node:crypto';

/**
 * The fuzz tests' one source of randomness: a small seeded generator (sfc32), so that a run is replayed exactly by
 * its seed. FUZZ_SEED picks the seed (a number, or `random` for a fresh one); by default it is fixed, so the suite
 * sends the same inputs on every run and a new failure means new code, not new luck.
 */
export const DEFAULT_SEED = 7_2026;

export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given === undefined || given === '') return DEFAULT_SEED;
  if (given === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${given}`);
  return seed;
}

/** How to send these inputs again, for the failure message. */
export const replayHint = (seed: number, file: string) => `replay with: FUZZ_SEED=${seed} npx jest ${file} --selectProjects e2e`;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly seed: number | string) {
    // Four words of state from the seed's hash: any seed, even 0, starts well mixed.
    const h = createHash('sha256').update(String(seed)).digest();
    [this.a, this.b, this.c, this.d] = [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
  }

  /** A uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from nothing');
    return items[this.int(0, items.length - 1)]!;
  }

  /** One of the choices, each as likely as its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    let roll = this.next() * choices.reduce((sum, [w]) => sum + w, 0);
    for (const [weight, value] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![1];
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }

  /** An independent generator for one case, so that a case's inputs do not depend on how many came before it. */
  fork(label: string | number): Rng {
    return new Rng(`${this.seed}/${label}`);
  }
}
