/**
 * Commands that change the server: proposed by id from the run's own result, acknowledged by the dialog,
 * run only with the acknowledged single-use token, through the real node-powershell session (a fake
 * PowerShell executable) as the fixed runner script plus data, and recorded in the history.
 */
import { Buffer } from 'node:buffer'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import { fixedRunnerScript } from '../../src-main/powershell/command-runner'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import type { RunView } from '../../src-shared/ipc/api-contract'
import { createFakeHarness, FAKE_DATA_DIR, type FakeHarness, type FakeScenario } from '../fakes/fake-powershell-harness'
import { createTestAppServices } from '../support/test-app-services'

const MOVE_ROOTS =
  "Get-ChildItem -Path 'Cert:\\LocalMachine\\Root' | Where-Object -FilterScript { $_.Issuer -ne $_.Subject } | Move-Item -Destination 'Cert:\\LocalMachine\\CA'"
const RUN = 'run-live-0001'

let dir: string
let history: OpenedHistory
let fake: FakeHarness
let services: AppServices
let clock: number
let view: RunView

const unknownLines = (): string[] => fake.readLog().filter((e) => e.event === 'unknown').map((e) => e.line ?? '')
const idOf = (text: string): string => {
  const found = view.runnableCommands.find((c) => c.text === text)
  if (!found) throw new Error(`not offered: ${text}`)
  return found.id
}
/** The data a runner line carries: the base64 literal after the fixed script. */
function decodeRunnerLine(line: string): unknown {
  expect(line.startsWith(`${fixedRunnerScript()} '`)).toBe(true)
  const payload = line.slice(fixedRunnerScript().length + 2, -1)
  expect(payload).toMatch(/^[A-Za-z0-9+/=]+$/)
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))
}

async function start(scenario: FakeScenario = { role: 'Edge' }): Promise<void> {
  fake = createFakeHarness(scenario)
  services = createTestAppServices(history.db, {
    createPowerShellSession: () => fake.createSession(),
    now: () => new Date(clock),
    tokenLifetimeMs: 60_000,
    commandTimeoutMs: 10_000,
  })
  view = await services.diagnoseLive({ runId: RUN, domains: ['contoso.com'] })
  expect(view.canRunActions).toBe(true)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-actions-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  clock = Date.parse('2026-11-26T10:00:00Z')
})

afterEach(async () => {
  await services.dispose()
  history.close()
  fake.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

describe('actions', () => {
  beforeEach(async () => {
    // The canned Edge evidence has a non-self-signed certificate in the Root store (a warning with a fix).
    await start()
    expect(view.result.checks.find((c) => c.id === 'root-ca-store-healthy')?.fix?.commands).toContain(MOVE_ROOTS)
  })

  it('proposes by id, runs only after the dialog acknowledged it, as the fixed script plus data, and records it', async () => {
    const proposal = await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    expect(proposal).toMatchObject({ command: MOVE_ROOTS, runOn: 'any', changesServer: true })
    // The proposal token alone runs nothing: the dialog has not said it shows the command.
    await expect(services.runConfirmedAction({ token: proposal.token })).rejects.toMatchObject({ code: 'action-token-invalid' })
    const again = await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    const shown = await services.acknowledgeAction({ token: again.token })
    expect(unknownLines()).toEqual([]) // proposing and acknowledging run nothing

    const record = await services.runConfirmedAction({ token: shown.token })
    const lines = unknownLines()
    expect(lines).toHaveLength(1)
    expect(decodeRunnerLine(lines[0] ?? '')).toEqual({
      stages: [
        { command: 'Get-ChildItem', named: { Path: 'Cert:\\LocalMachine\\Root' }, args: [] },
        { command: 'Where-Object', named: { FilterScript: 'issuer-is-not-subject' }, args: [] },
        { command: 'Move-Item', named: { Destination: 'Cert:\\LocalMachine\\CA' }, args: [] },
      ],
    })
    expect(record.command).toBe(MOVE_ROOTS)
    expect(record.status).toBe('failed') // the fake answers "not recognized" on stderr
    expect(record.output).toMatch(/not recognized/)

    const sessions = await services.listSessions({})
    const session = await services.openSession({ sessionId: sessions.items[0]!.id })
    expect(session.actions.map((a) => [a.command, a.runOn, a.status])).toEqual([[MOVE_ROOTS, 'any', 'failed']])
  })

  it('refuses a token twice, an unknown token, an expired one and a proposal voided by a newer one', async () => {
    const first = await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    const shown = await services.acknowledgeAction({ token: first.token })
    await expect(services.acknowledgeAction({ token: first.token })).rejects.toMatchObject({ code: 'action-token-invalid' })
    await services.runConfirmedAction({ token: shown.token })
    await expect(services.runConfirmedAction({ token: shown.token })).rejects.toMatchObject({ code: 'action-token-invalid' })
    await expect(services.runConfirmedAction({ token: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'action-token-invalid' })

    const late = await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    const lateShown = await services.acknowledgeAction({ token: late.token })
    clock += 61_000
    await expect(services.runConfirmedAction({ token: lateShown.token })).rejects.toMatchObject({ code: 'action-token-invalid' })

    const older = await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    const olderShown = await services.acknowledgeAction({ token: older.token })
    await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    await expect(services.runConfirmedAction({ token: olderShown.token })).rejects.toMatchObject({ code: 'action-token-invalid' })
    expect(unknownLines()).toHaveLength(1)
  })

  it('offers no id for display-only commands, public-DNS fixes or Front End fixes on an Edge', async () => {
    const offered = view.runnableCommands.map((c) => c.text)
    expect(offered).toContain(MOVE_ROOTS)
    for (const text of offered) expect(text).not.toMatch(/[<>]|IN SRV|IN A /)
    await expect(services.proposeAction({ runId: RUN, commandId: 'command-999' })).rejects.toMatchObject({ code: 'action-unknown-command' })
    expect(unknownLines()).toEqual([])
  })

  it('voids a proposal when another run has started since', async () => {
    const proposal = await services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })
    const shown = await services.acknowledgeAction({ token: proposal.token })
    await services.runScenario({ runId: 'run-demo-0002', name: 'healthy-edge' })
    await expect(services.runConfirmedAction({ token: shown.token })).rejects.toMatchObject({ code: 'action-stale' })
    await expect(services.proposeAction({ runId: RUN, commandId: idOf(MOVE_ROOTS) })).rejects.toMatchObject({ code: 'action-stale' })
    expect(unknownLines()).toEqual([])
  })

  it('never runs commands for evidence analyzed away from the server', async () => {
    const demo = await services.runScenario({ runId: 'run-demo-0001', name: 'proxy-service-stopped' })
    expect(demo.runnableCommands).toEqual([])
    await expect(services.proposeAction({ runId: 'run-demo-0001', commandId: 'command-1' })).rejects.toMatchObject({ code: 'action-not-allowed' })
  })
})

describe('values from the server\'s configuration', () => {
  const HOSTILE = 'RTCXMPPTGWPX; Remove-Item C:\\ -Recurse -Force; #'

  it('makes the fix display-only, with the reason, when services.json names the stopped proxy with code', async () => {
    const data = join(dir, 'data')
    cpSync(FAKE_DATA_DIR, data, { recursive: true })
    const services = JSON.parse(readFileSync(join(data, 'services.json'), 'utf8')) as Record<string, unknown>[]
    const proxy = services.find((s) => String(s.DisplayName).endsWith('XMPP Translating Gateway Proxy'))
    if (!proxy) throw new Error('canned data has no proxy service')
    Object.assign(proxy, { Name: HOSTILE, Status: 'Stopped' })
    writeFileSync(join(data, 'services.json'), JSON.stringify(services, null, 4))
    await start({ role: 'Edge', dataDir: data })

    const fix = view.result.checks.find((c) => c.id === 'xmpp-proxy-service-running')?.fix
    const start_ = fix?.plans?.find((p) => p.text.startsWith('Start-CsWindowsService'))
    expect(start_?.text).toBe(`Start-CsWindowsService -Name 'RTCXMPPTGWPX; Remove-Item C:\\ -Recurse -Force; #'`)
    expect(start_?.displayOnly?.en).toMatch(/not a Windows service name/)
    expect(view.runnableCommands.some((c) => c.text.includes('Remove-Item'))).toBe(false)
    expect(unknownLines()).toEqual([])
  })
})
