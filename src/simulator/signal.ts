/** A minimal AbortSignal for the engine: abort listeners run synchronously, in registration order, once. */
export class SimSignal {
  aborted = false;
  private listeners: (() => void)[] | undefined;

  /** Adds a listener; the returned function removes it. */
  onAbort(listener: () => void): () => void {
    (this.listeners ??= []).push(listener);
    return () => {
      const listeners = this.listeners;
      if (!listeners) return;
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }
}

/** A signal nothing can abort; listeners are not even kept, so sharing it costs nothing. */
class NeverAbortedSignal extends SimSignal {
  override onAbort(): () => void {
    return noop;
  }
  override abort(): void {}
}
const noop = (): void => {};

/** cockatiel's `neverAbortedSignal`: what a policy runs under when no signal was given. */
export const NEVER_ABORTED: SimSignal = new NeverAbortedSignal();
