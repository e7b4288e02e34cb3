/**
 * Which simulation result the panel may show. The inputs can change while a run is in the worker
 * (a keystroke, a preset): a result is shown only if it was computed from the inputs on screen, so
 * inputs that turned invalid meanwhile keep their "fix the fields" status instead of a stale
 * "Simulated". One run is in the worker at a time; inputs that changed during it (and are valid)
 * start one more run when it answers, however many edits came in between.
 */
export class LatestRun {
  /** Counts changes of the inputs: the generation of what is on screen. */
  private onScreen = 0;
  private inWorker: number | undefined;
  private valid = true;

  /** The inputs changed; returns the generation to send to the worker now, if one should start. */
  changed(valid: boolean): number | undefined {
    this.onScreen++;
    this.valid = valid;
    if (!valid || this.inWorker !== undefined) return undefined;
    return (this.inWorker = this.onScreen);
  }

  /** The worker answered the run of `generation`: whether to show it, and the generation to start next, if any. */
  answered(generation: number): { show: boolean; next?: number } {
    if (generation !== this.inWorker) return { show: false };
    this.inWorker = undefined;
    if (generation === this.onScreen) return { show: true };
    if (!this.valid) return { show: false };
    return { show: false, next: (this.inWorker = this.onScreen) };
  }
}
