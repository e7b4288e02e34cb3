/**
 * cockatiel's backoffs as a mutable sequence. `first()` is `factory.next()`, `next()` is
 * `backoff.next()`; jittered generators draw exactly one random number per delay, in the
 * same order cockatiel calls `Math.random()`.
 */
import { Outcome, type Backoff } from '../model';
import type { Prng } from '../random';

/** cockatiel's decorrelated-jitter constants (Polly's "DecorrelatedJitterV2"). */
const P_FACTOR = 4.0;
const RP_SCALING_FACTOR = 1 / 1.4;

export class BackoffSequence {
  private attempts = 0;
  private previous = 0;
  private fallback: BackoffSequence | undefined;

  constructor(
    private readonly spec: Backoff,
    private readonly random: Prng,
    /** What a 429 says to wait (the dependency's Retry-After), for `retryAfter` backoffs. */
    private readonly retryAfterMs: number | null = null,
  ) {}

  /** The first delay of a fresh sequence, after a failure with outcome `code`. */
  first(code?: number): number {
    this.attempts = 0;
    this.previous = 0;
    this.fallback = undefined;
    return this.next(code);
  }

  next(code?: number): number {
    const spec = this.spec;
    if (spec.type === 'retryAfter') {
      // As a DelegateBackoff would: honour Retry-After, else step the fallback (which keeps its own state).
      if (code === Outcome.http429 && this.retryAfterMs !== null) return this.retryAfterMs;
      if (this.fallback) return this.fallback.next();
      this.fallback = new BackoffSequence(spec.fallback, this.random);
      return this.fallback.first();
    }
    if (spec.type === 'constant') return spec.delayMs;
    if (spec.jitter === 'decorrelated') {
      const t = this.attempts + this.random.next();
      const next = Math.pow(spec.exponent, t) * Math.tanh(Math.sqrt(P_FACTOR * t));
      const intrinsic = isFinite(next) ? Math.max(0, next - this.previous) : Infinity;
      this.attempts++;
      this.previous = next;
      return Math.min(intrinsic * RP_SCALING_FACTOR * spec.initialDelayMs, spec.maxDelayMs);
    }
    // cockatiel's noJitterGenerator ignores `exponent`: the base is always 2.
    const delay = Math.min(spec.maxDelayMs, spec.initialDelayMs * 2 ** this.attempts);
    this.attempts++;
    if (spec.jitter === 'full') return Math.floor(this.random.next() * delay);
    if (spec.jitter === 'half') return Math.floor((delay + this.random.next() * delay) / 2);
    return delay;
  }
}
