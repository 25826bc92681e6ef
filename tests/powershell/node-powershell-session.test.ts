import { statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { buildLiveInvocation, readLiveResult, type LiveStep } from '../../src-main/collection/live-invocation'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { PowerShellError, type PowerShellSession } from '../../src-main/powershell/powershell-session'
import { EVIDENCE_COMMANDS } from '../../src-shared/collection/evidence-commands'
import {
  FAKE_POWERSHELL,
  createFakeHarness,
  readCannedText,
  waitFor,
  type FakeHarness,
  type FakeScenario,
} from '../fakes/fake-powershell-harness'

function step(file: string): LiveStep {
  const command = EVIDENCE_COMMANDS.find((candidate) => candidate.file === file)
  if (!command) throw new Error(`no command ${file}`)
  return { ...command, name: command.file }
}

/** True while a process with this id exists (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

const input = { domains: ['contoso.com'], role: 'Edge' as const }
const invocationFor = (file: string): string => buildLiveInvocation(step(file), input)

let harness: FakeHarness | null = null
let session: PowerShellSession | null = null

function setUp(scenario: FakeScenario = {}): PowerShellSession {
  harness = createFakeHarness(scenario)
  session = harness.createSession()
  return session
}

afterEach(async () => {
  await session?.dispose()
  harness?.cleanup()
  session = null
  harness = null
})

async function expectPowerShellError(promise: Promise<unknown>, kind: PowerShellError['kind']): Promise<PowerShellError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(PowerShellError)
  expect((error as PowerShellError).kind).toBe(kind)
  return error as PowerShellError
}

describe('the fake PowerShell', () => {
  it('is an executable file', () => {
    expect(statSync(FAKE_POWERSHELL).mode & 0o111).not.toBe(0)
  })
})

describe('createNodePowerShellSession (real node-powershell, fake shell)', () => {
  it('runs a script in one reused process started with -NoProfile -NonInteractive -Command -', async () => {
    const ps = setUp()
    const first = await ps.invoke(invocationFor('server-version.txt'), { timeoutMs: 5000 })
    const second = await ps.invoke(invocationFor('services.json'), { timeoutMs: 5000 })
    expect(readLiveResult(first.stdout)).toEqual({ ok: true, text: readCannedText('server-version.txt'), notes: [] })
    expect(readLiveResult(second.stdout)).toEqual({ ok: true, text: readCannedText('services.json'), notes: [] })
    expect(first.stderr).toBe('')
    const starts = harness!.readLog().filter((entry) => entry.event === 'start')
    expect(starts).toHaveLength(1)
    expect(starts[0]?.argv).toEqual([
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'RemoteSigned',
      '-NoExit',
      '-Command',
      '-',
    ])
  })

  it('returns stderr text instead of throwing (node-powershell runs with throwOnInvocationError false)', async () => {
    const ps = setUp({ commands: { 'sites.json': 'no-result' } })
    const output = await ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000 })
    expect(readLiveResult(output.stdout)).toBeNull()
    expect(output.stderr).toContain('Access is denied')
  })

  it('serializes concurrent invocations', async () => {
    const ps = setUp()
    const files = ['server-version.txt', 'services.json', 'sites.json']
    const outputs = await Promise.all(files.map((file) => ps.invoke(invocationFor(file), { timeoutMs: 5000 })))
    outputs.forEach((output, index) => {
      expect(readLiveResult(output.stdout)).toEqual({ ok: true, text: readCannedText(files[index]!), notes: [] })
    })
  })

  it('kills a hung command at the timeout and runs the next command in a fresh process', async () => {
    const ps = setUp({ commands: { 'events.json': 'hang' } })
    await ps.invoke(invocationFor('server-version.txt'), { timeoutMs: 5000 })
    const started = Date.now()
    const error = await expectPowerShellError(ps.invoke(invocationFor('events.json'), { timeoutMs: 300 }), 'timeout')
    expect(Date.now() - started).toBeLessThan(3000)
    expect(error.localized.en).toContain('0.3 s')
    expect(error.localized['zh-TW']).toContain('0.3 秒')
    const next = await ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000 })
    expect(readLiveResult(next.stdout)).toEqual({ ok: true, text: readCannedText('sites.json'), notes: [] })
    const log = harness!.readLog()
    const starts = log.filter((entry) => entry.event === 'start').map((entry) => entry.pid)
    expect(new Set(starts).size).toBe(2)
    const hungPid = log.find((entry) => entry.event === 'invoke' && entry.step === 'events.json')?.pid
    expect(log.some((entry) => entry.event === 'sigterm' && entry.pid === hungPid)).toBe(true)
    expect(log.find((entry) => entry.event === 'invoke' && entry.step === 'sites.json')?.pid).not.toBe(hungPid)
  })

  it('stops a running command promptly when its AbortSignal fires, then works again', async () => {
    const ps = setUp({ commands: { 'events.json': 'hang' } })
    const controller = new AbortController()
    const pending = ps.invoke(invocationFor('events.json'), { timeoutMs: 60_000, signal: controller.signal })
    await waitFor(() => harness!.readLog().some((entry) => entry.event === 'invoke'))
    const started = Date.now()
    controller.abort()
    await expectPowerShellError(pending, 'cancelled')
    expect(Date.now() - started).toBeLessThan(2000)
    const next = await ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000 })
    expect(readLiveResult(next.stdout)?.ok).toBe(true)
  })

  it('does not start PowerShell for an already aborted signal', async () => {
    const ps = setUp()
    await expectPowerShellError(
      ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000, signal: AbortSignal.abort() }),
      'cancelled',
    )
    expect(harness!.readLog()).toEqual([])
  })

  it('reports a process that dies mid-command as failed and replaces it', async () => {
    const ps = setUp({ commands: { 'topology.xml': 'crash' } })
    const error = await expectPowerShellError(ps.invoke(invocationFor('topology.xml'), { timeoutMs: 5000 }), 'failed')
    expect(error.message).toMatch(/PowerShell failed/)
    const next = await ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000 })
    expect(readLiveResult(next.stdout)?.ok).toBe(true)
  })

  it('survives a process that dies while idle (no unhandled rejection) and starts a new one', async () => {
    const ps = setUp()
    await ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000 })
    const pid = harness!.readLog().find((entry) => entry.event === 'start')!.pid
    process.kill(pid, 'SIGKILL')
    // Node reaps the child and emits its 'exit' (the session then knows it ended) before the pid disappears.
    await waitFor(() => !isRunning(pid))
    const next = await ps.invoke(invocationFor('services.json'), { timeoutMs: 5000 })
    expect(readLiveResult(next.stdout)?.ok).toBe(true)
    const starts = harness!.readLog().filter((entry) => entry.event === 'start')
    expect(starts).toHaveLength(2)
  })

  it('dispose stops a running command, and later invocations fail clearly', async () => {
    const ps = setUp({ commands: { 'events.json': 'hang' } })
    const pending = ps.invoke(invocationFor('events.json'), { timeoutMs: 60_000 })
    await waitFor(() => harness!.readLog().some((entry) => entry.event === 'invoke'))
    await ps.dispose()
    await expectPowerShellError(pending, 'cancelled')
    const after = await expectPowerShellError(ps.invoke(invocationFor('sites.json'), { timeoutMs: 5000 }), 'failed')
    expect(after.message).toContain('closed')
  })

  it("says clearly that PowerShell is unavailable when it isn't installed", async () => {
    const env = { ...process.env }
    delete env.NODE_POWERSHELL
    session = createNodePowerShellSession({ executable: '/nonexistent/pwsh', env })
    const error = await expectPowerShellError(session.invoke(invocationFor('sites.json'), { timeoutMs: 5000 }), 'unavailable')
    expect(error.localized.en).toContain('/nonexistent/pwsh')
    expect(error.localized.en).toContain('Nothing was collected')
    expect(error.localized['zh-TW']).toContain('未收集任何資料')
  })
})
