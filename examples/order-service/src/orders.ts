// The order API's handlers: each call site shows a pattern done right.
import { retry, circuitBreaker, bulkhead, wrap, handleWhen, ExponentialBackoff, SamplingBreaker } from 'cockatiel';
import { capture } from './payments';

function isRetryableError(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

const catalogPolicy = wrap(
  bulkhead(20, 50),
  retry(handleWhen(isRetryableError), { maxAttempts: 3, backoff: new ExponentialBackoff() }),
  circuitBreaker(handleWhen(isRetryableError), {
    halfOpenAfter: 15_000,
    breaker: new SamplingBreaker({ threshold: 0.3, duration: 30_000 }),
  }),
);

export async function productName(sku: string): Promise<string> {
  return catalogPolicy.execute(async ({ signal }) => {
    const res = await fetch(`http://catalog.internal/products/${sku}`, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]),
    });
    if (!res.ok) throw Object.assign(new Error(res.statusText), { status: res.status });
    return (await res.json()).name;
  });
}

export async function checkout(orderId: string, chargeId: string): Promise<void> {
  await capture(chargeId, `capture-${orderId}`);
}
