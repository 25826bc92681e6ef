/**
 * Durations always carry their unit, in every command that takes one. `probe example.test --timeout 5`
 * (meant as five seconds) used to be taken as 5 ms: every DNS query timed out and the probe blamed the
 * partner's A record. A bare number is now refused with the accepted forms; a probe step under 100 ms is
 * refused as too small to mean anything. Nothing here sends a packet or starts PowerShell: the options
 * are refused first.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { runCollectCommand, runDiagnoseCommand } from '../../src-main/cli/commands/live-commands'
import {
  COLLECTION_COMMAND_BOUNDS,
  formatDuration,
  parseDurationOption,
  PROBE_STEP_BOUNDS,
} from '../../src-main/cli/duration-option'
import { UsageError } from '../../src-main/cli/cli-io'

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

/** A PowerShell factory that fails the test if a command ever gets that far. */
const noPowerShell = {
  createSession: () => {
    throw new Error('PowerShell must not start for a refused option')
  },
  now: () => new Date('2026-12-02T00:00:00Z'),
}

describe('parseDurationOption', () => {
  it('takes a number with its unit', () => {
    expect(parseDurationOption('5s', '--timeout', PROBE_STEP_BOUNDS)).toBe(5_000)
    expect(parseDurationOption('1500ms', '--timeout', PROBE_STEP_BOUNDS)).toBe(1_500)
    expect(parseDurationOption('2m', '--timeout', PROBE_STEP_BOUNDS)).toBe(120_000)
    expect(parseDurationOption('1.5s', '--timeout', PROBE_STEP_BOUNDS)).toBe(1_500)
    expect(parseDurationOption(' 100ms ', '--timeout', PROBE_STEP_BOUNDS)).toBe(100)
    expect(parseDurationOption('1h', '--timeout', COLLECTION_COMMAND_BOUNDS)).toBe(3_600_000)
  })

  it('refuses a bare number and shows the accepted forms, in English and Traditional Chinese', () => {
    expect(() => parseDurationOption('5', '--timeout', PROBE_STEP_BOUNDS)).toThrow(UsageError)
    expect(() => parseDurationOption('5', '--timeout', PROBE_STEP_BOUNDS)).toThrow(
      '--timeout "5": a duration needs its unit (5s, 1500ms, 2m); a bare number is refused because 5 could mean seconds or milliseconds.',
    )
    expect(() => parseDurationOption('750', '--timeout', PROBE_STEP_BOUNDS, 'zh-TW')).toThrow(/時間長度必須加上單位（5s, 1500ms, 2m）/)
  })

  it('refuses other forms, a step under 100 ms and anything over the upper bound', () => {
    for (const bad of ['5 seconds', '5S', '-5s', 's', '', '5sec', '0x10s', '1e3ms']) {
      expect(() => parseDurationOption(bad, '--timeout', PROBE_STEP_BOUNDS)).toThrow(/expected a duration such as 5s, 1500ms, 2m/)
    }
    expect(() => parseDurationOption('50ms', '--timeout', PROBE_STEP_BOUNDS)).toThrow(
      '--timeout "50ms": too small to be meaningful: at least 100ms (accepted: 100ms–10m).',
    )
    expect(() => parseDurationOption('0s', '--timeout', PROBE_STEP_BOUNDS)).toThrow(/too small/)
    expect(() => parseDurationOption('11m', '--timeout', PROBE_STEP_BOUNDS)).toThrow(/at most 10m/)
    expect(() => parseDurationOption('500ms', '--timeout', COLLECTION_COMMAND_BOUNDS)).toThrow(/at least 1s/)
  })

  it('formats a duration with the largest unit that divides it', () => {
    expect([formatDuration(100), formatDuration(5_000), formatDuration(120_000), formatDuration(1_500)]).toEqual(['100ms', '5s', '2m', '1500ms'])
  })
})

describe('every command that takes a duration refuses a bare number (exit 2, before any traffic)', () => {
  it('probe --timeout 5 and --total-timeout 20', async () => {
    const step = await cli(['probe', 'example.test', '--timeout', '5'])
    expect(step.code).toBe(2)
    expect(step.stderr).toContain('--timeout "5": a duration needs its unit (5s, 1500ms, 2m)')
    expect(step.stdout).toBe('')
    const total = await cli(['probe', 'example.test', '--total-timeout', '20'])
    expect(total.code).toBe(2)
    expect(total.stderr).toContain('--total-timeout "20": a duration needs its unit')
  })

  it('probe --timeout 50ms is too small to be meaningful', async () => {
    const small = await cli(['probe', 'example.test', '--timeout', '50ms', '--lang', 'zh-TW'])
    expect(small.code).toBe(2)
    expect(small.stderr).toContain('--timeout "50ms"：太短而沒有意義：至少 100ms')
  })

  it('analyze --probe --probe-timeout 5', async () => {
    const result = await cli(['analyze', 'tests/scenarios/healthy-edge', '--probe', '--probe-timeout', '5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--probe-timeout "5": a duration needs its unit')
    expect(result.stdout).toBe('')
  })

  it('collect and diagnose --timeout 30 (the collection timeout per command)', async () => {
    for (const run of [runCollectCommand, runDiagnoseCommand]) {
      const io = { stdout: () => undefined, stderr: () => undefined }
      await expect(run(['--domain', 'contoso.com', '--timeout', '30'], io, { LANG: 'en_US.UTF-8' }, noPowerShell)).rejects.toThrow(
        '--timeout "30": a duration needs its unit (5s, 1500ms, 2m); a bare number is refused because 30 could mean seconds or milliseconds.',
      )
    }
  })
})
