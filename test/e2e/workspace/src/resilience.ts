import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleAll, retry, wrap } from 'cockatiel';
import { limits } from './limits';

const retryPolicy = retry(handleAll, { maxAttempts: limits.retries, backoff: new ExponentialBackoff({ initialDelay: 200 }) });
const breakerPolicy = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });

export const resilient = wrap(retryPolicy, breakerPolicy);
