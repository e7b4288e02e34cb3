import requireTimeout from './require-timeout';

export const rules = {
  'require-timeout': requireTimeout,
};
