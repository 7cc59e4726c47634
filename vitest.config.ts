import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every run loads the user's indicator cache; tests must not see the developer's own (a test that wants a cache sets its own).
    env: { EXHIBIT_DATA_DIR: '/nonexistent/exhibit-tests-have-no-data-folder' },
  },
});
