/**
 * The retryable-error helper the fixes and the simulator's generated code insert, as text (no AST
 * work, so code generation can use it without loading the parser's types).
 */
export const RETRYABLE_HELPER = 'isRetryableError';

/**
 * The helper the fixes insert: network errors and 408, 429 and 5xx answers are retryable; any other
 * status is not. It reads the status where axios, got, ky and superagent put it.
 */
export function retryableHelperText(typescript: boolean): string {
  if (typescript) {
    return [
      `/** Network errors and 408, 429 and 5xx answers may succeed if retried; other HTTP errors will not. */`,
      `function ${RETRYABLE_HELPER}(error: unknown): boolean {`,
      `  const { status, statusCode, response } = (error ?? {}) as {`,
      `    status?: number;`,
      `    statusCode?: number;`,
      `    response?: { status?: number; statusCode?: number };`,
      `  };`,
      `  const code = response?.status ?? response?.statusCode ?? status ?? statusCode;`,
      `  return typeof code !== 'number' || code === 408 || code === 429 || code >= 500;`,
      `}`,
    ].join('\n');
  }
  return [
    `/** Network errors and 408, 429 and 5xx answers may succeed if retried; other HTTP errors will not. */`,
    `function ${RETRYABLE_HELPER}(error) {`,
    `  const code = error?.response?.status ?? error?.response?.statusCode ?? error?.status ?? error?.statusCode;`,
    `  return typeof code !== 'number' || code === 408 || code === 429 || code >= 500;`,
    `}`,
  ].join('\n');
}
