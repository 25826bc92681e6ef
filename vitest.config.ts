import { defineConfig } from 'vitest/config'
import { SummaryReporter } from './tests/support/summary-reporter'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start real servers (Prosody, dnsmasq, Chromium) pick free loopback ports themselves,
    // so files may run in parallel; two forks match the machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', new SummaryReporter()],
  },
})
