/**
 * Requests to the lint worker (../lint-worker.ts) and their answers, matched by id. Pure (no
 * `vscode`): the host's LintService uses it, and tests drive the real worker bundle through it.
 */
import type { LintRequest, LintResponses } from './lint-documents';

/** What the worker posts: an answer, a failure, or a line for the Breakwater output. */
export type LintWorkerMessage = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string } | { readonly log: string };

/** The parts of node:worker_threads' Worker the client uses. */
export interface LintWorkerPort {
  postMessage(message: { id: number; request: LintRequest }): void;
  on(event: 'message', listener: (message: LintWorkerMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

/**
 * How long the worker may go without answering while requests wait before it counts as stuck (a
 * rule in an endless loop) and is stopped, to be restarted by the next request. Far above any real
 * lint: the largest file the extension lints takes a few seconds at most.
 */
export const WORKER_ANSWER_WITHIN_MS = 30_000;

export class LintWorkerClient {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>();
  private stopped: string | undefined;
  /** Armed while requests wait, re-armed by each answer. */
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly port: LintWorkerPort,
    private readonly handlers: { readonly log: (line: string) => void; readonly stopped: (reason: string) => void },
    private readonly answerWithinMs = WORKER_ANSWER_WITHIN_MS,
  ) {
    port.on('message', (message) => {
      if ('log' in message) return handlers.log(message.log);
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      this.armWatchdog();
      if ('error' in message) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result as never);
    });
    port.on('error', (error) => this.stop(error.stack ?? error.message));
    port.on('exit', (code) => this.stop(`exit code ${code}`));
  }

  /** Fails every waiting request with `reason`, and every later one; the first reason is the one kept. */
  private stop(reason: string): void {
    if (this.stopped !== undefined) return;
    this.stopped = reason;
    clearTimeout(this.watchdog);
    for (const pending of this.pending.values()) pending.reject(new Error(`the lint worker stopped (${reason})`));
    this.pending.clear();
    this.handlers.stopped(reason);
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.pending.size === 0 || this.stopped !== undefined) return;
    this.watchdog = setTimeout(() => {
      this.stop(`no answer in ${this.answerWithinMs} ms`);
      void this.port.terminate();
    }, this.answerWithinMs);
  }

  request<Request extends LintRequest>(request: Request): Promise<LintResponses[Request['kind']]> {
    if (this.stopped !== undefined) return Promise.reject(new Error(`the lint worker stopped (${this.stopped})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      if (this.watchdog === undefined) this.armWatchdog();
      this.port.postMessage({ id, request });
    });
  }
}
