/**
 * A virtual clock: a binary min-heap of timers ordered by due time, then by creation.
 * The engine runs on it, and the differential harness installs it as the global
 * `setTimeout`/`Date.now` under the real cockatiel package, so both see timers fire
 * in exactly the same order.
 */

/** Virtual time starts here, not at 0, so code that compares against an initial 0 (cockatiel's sampling windows) behaves as it does on a real clock. */
export const CLOCK_ORIGIN = 2 ** 20;

export interface Timer {
  time: number;
  seq: number;
  callback: (() => void) | null;
}

export class Scheduler {
  now = CLOCK_ORIGIN;
  /** Timers run so far: a guard against simulated code that loops without time passing. */
  fired = 0;
  private heap: Timer[] = [];
  private seq = 0;

  /** Runs `callback` at virtual time `time` (never earlier than now). */
  at(time: number, callback: () => void): Timer {
    const timer: Timer = { time: time > this.now ? time : this.now, seq: this.seq++, callback };
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p.time < timer.time || (p.time === timer.time && p.seq < timer.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
    return timer;
  }

  cancel(timer: Timer): void {
    timer.callback = null;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Removes and returns the next live timer due at or before `limit`, advancing the clock to it. */
  pop(limit: number): Timer | undefined {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0];
      if (top.time > limit) return undefined;
      const last = heap.pop()!;
      if (heap.length > 0) this.siftDown(last);
      if (top.callback === null) continue;
      this.now = top.time;
      this.fired++;
      return top;
    }
    return undefined;
  }

  private siftDown(timer: Timer): void {
    const heap = this.heap;
    const n = heap.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const l = heap[child];
        const r = heap[right];
        if (r.time < l.time || (r.time === l.time && r.seq < l.seq)) child = right;
      }
      const c = heap[child];
      if (timer.time < c.time || (timer.time === c.time && timer.seq < c.seq)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = timer;
  }
}
