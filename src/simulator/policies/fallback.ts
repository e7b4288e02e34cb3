/** cockatiel `FallbackPolicy`: a handled failure becomes the fallback value; anything else passes through. */
import { handles, isOk, Outcome, type PolicyLayer } from '../model';
import type { SimSignal } from '../signal';
import type { Done, Inner, SimRequest, Stage } from './stage';

export class FallbackStage implements Stage {
  constructor(
    private readonly layer: Extract<PolicyLayer, { type: 'fallback' }>,
  ) {}

  run(request: SimRequest, signal: SimSignal, inner: Inner, done: Done): void {
    inner(request, signal, (code) => {
      if (isOk(code) || !handles(this.layer.handle, code)) return done(code);
      done(Outcome.fallback);
    });
  }
}
