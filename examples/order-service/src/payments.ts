// Payment provider client. Charges are POSTs: a retry must not double-charge.
import axios from 'axios';
import pRetry from 'p-retry';
import { retry, circuitBreaker, handleWhen, wrap, ExponentialBackoff, ConsecutiveBreaker } from 'cockatiel';

const payments = axios.create({ baseURL: process.env.PAYMENTS_URL });

export interface Charge {
  id: string;
  status: 'pending' | 'captured' | 'failed';
}

// Hazard: no timeout on the instance or the call, p-retry re-sends after a 402 or 422 as well, and
// without `randomize: true` its backoff has no jitter.
export async function getCharge(chargeId: string): Promise<Charge> {
  return pRetry(async () => (await payments.get<Charge>(`/charges/${chargeId}`)).data, { retries: 5 });
}

function isTransient(error: unknown): boolean {
  const status = (error as { response?: { status?: number } }).response?.status;
  return status === undefined || status === 429 || status >= 500;
}

// Done right: a timeout, a breaker, and a retry that only retries what can succeed.
const capturePolicy = wrap(
  retry(handleWhen(isTransient), { maxAttempts: 2, backoff: new ExponentialBackoff() }),
  circuitBreaker(handleWhen(isTransient), { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
);

export async function capture(chargeId: string, idempotencyKey: string): Promise<Charge> {
  return capturePolicy.execute(async ({ signal }) => {
    const res = await payments.post<Charge>(`/charges/${chargeId}/capture`, undefined, {
      timeout: 5000,
      signal,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    return res.data;
  });
}
