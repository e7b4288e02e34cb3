/**
 * Test files, by the names test runners and projects give them: `*.test.*` and `*.spec.*` (Jest,
 * Vitest, Mocha, Playwright, node:test), `*.e2e-spec.*` (what Nest's scaffold names its end-to-end
 * tests) and `*.e2e.*`, `*.cy.*` (Cypress), and the folders tests and their material live in: `test/`,
 * `tests/`, `e2e/` and `__e2e__/`, `fixtures/` and `__fixtures__/` (sample projects and servers the
 * tests run), `test-utils/` and `__test-utils__/` (their helpers: a package of them in a monorepo, or a
 * folder beside the tests), and Jest's `__tests__/` and `__mocks__/`. A request in a test goes to a server the
 * test started or a stub, under the runner's own timeout, and a retry there would only hide a flaky
 * test: `recommended` leaves these files alone, `strict` lints them too. The extension's default
 * `breakwater.exclude` lists the same globs.
 *
 * Folder names are safe here because both places match globs against the path inside the project:
 * ESLint from its config's folder, the extension from the file's workspace folder. A project kept
 * under `~/test/` keeps its findings.
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '**/*.{test,spec,e2e-spec,e2e,cy}.{js,mjs,cjs,jsx,ts,mts,cts,tsx}',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/__e2e__/**',
  '**/fixtures/**',
  '**/__fixtures__/**',
  '**/test-utils/**',
  '**/__test-utils__/**',
  '**/__tests__/**',
  '**/__mocks__/**',
];
