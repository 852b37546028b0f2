import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e tests start servers on ephemeral ports; files run in parallel worker processes.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      // Domain rules must not depend on the server's zone: run them again in a zone far from
      // UTC whose daylight saving runs opposite to North America's.
      { extends: true, test: { name: 'domain in Pacific/Auckland', include: ['test/unit/**/*.test.ts'], env: { TZ: 'Pacific/Auckland' } } },
    ],
  },
});
