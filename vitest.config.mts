import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'test-support/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test-support/interpreter-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
