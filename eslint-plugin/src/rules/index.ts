import noRetryNonRetryable from './no-retry-non-retryable';
import noUnboundedRetry from './no-unbounded-retry';
import noUnprotectedCall from './no-unprotected-call';
import requireBackoff from './require-backoff';
import requireTimeout from './require-timeout';
import validPolicy from './valid-policy';

export const rules = {
  'require-timeout': requireTimeout,
  'no-unprotected-call': noUnprotectedCall,
  'no-retry-non-retryable': noRetryNonRetryable,
  'require-backoff': requireBackoff,
  'no-unbounded-retry': noUnboundedRetry,
  'valid-policy': validPolicy,
};
