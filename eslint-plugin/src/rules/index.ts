import noRetryNonRetryable from './no-retry-non-retryable';
import noUnprotectedCall from './no-unprotected-call';
import requireTimeout from './require-timeout';

export const rules = {
  'require-timeout': requireTimeout,
  'no-unprotected-call': noUnprotectedCall,
  'no-retry-non-retryable': noRetryNonRetryable,
};
