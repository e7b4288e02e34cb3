/**
 * Test files, by the names test runners give them: `*.test.*` and `*.spec.*` (Jest, Vitest, Mocha,
 * Playwright, node:test), `*.e2e-spec.*` (what Nest's scaffold names its end-to-end tests), `*.cy.*`
 * (Cypress), and Jest's `__tests__` and `__mocks__` folders. A request in a test goes to a
 * server the test started or a stub, under the runner's own timeout, and a retry there would only
 * hide a flaky test: `recommended` leaves these files alone, `strict` lints them too. The extension's
 * default `breakwater.exclude` lists the same globs.
 *
 * Only names this distinctive: a folder named `test` or `e2e` anywhere in a path would also exclude a
 * whole project kept under `~/test/`, since editors match globs against absolute paths.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.{test,spec,e2e-spec,cy}.{js,mjs,cjs,jsx,ts,mts,cts,tsx}',
  '**/__tests__/**',
  '**/__mocks__/**',
];
