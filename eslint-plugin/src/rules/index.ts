import noNestedRetry from './no-nested-retry';
import noRetryNonIdempotent from './no-retry-non-idempotent';
import noRetryNonRetryable from './no-retry-non-retryable';
import noUnboundedConcurrency from './no-unbounded-concurrency';
import noUnboundedRetry from './no-unbounded-retry';
import noUnprotectedCall from './no-unprotected-call';
import requireBackoff from './require-backoff';
import requireTimeout from './require-timeout';
import validPolicy from './valid-policy';
import type { RuleName } from '../rule-names';

export const rules = {
  'require-timeout': requireTimeout,
  'no-unprotected-call': noUnprotectedCall,
  'no-retry-non-retryable': noRetryNonRetryable,
  'require-backoff': requireBackoff,
  'no-unbounded-retry': noUnboundedRetry,
  'valid-policy': validPolicy,
  'no-nested-retry': noNestedRetry,
  'no-retry-non-idempotent': noRetryNonIdempotent,
  'no-unbounded-concurrency': noUnboundedConcurrency,
} satisfies Record<RuleName, unknown>;
