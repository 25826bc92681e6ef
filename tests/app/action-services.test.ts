/**
 * Commands that change the server: proposed with their exact text, run only with the single-use token,
 * through the real node-powershell session (a fake PowerShell executable), and recorded in the history.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppServices, type AppServices } from '../../src-main/app-services/app-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { createFakeHarness, type FakeHarness } from '../fakes/fake-powershell-harness'

const MOVE_ROOTS = 'Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object { $_.Issuer -ne $_.Subject } | Move-Item -Destination Cert:\\LocalMachine\\CA'
const RUN = 'run-live-0001'

let dir: string
let history: OpenedHistory
let fake: FakeHarness
let services: AppServices
let clock: number

const unknownLines = (): string[] => fake.readLog().filter((e) => e.event === 'unknown').map((e) => e.line ?? '')

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xed-actions-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  fake = createFakeHarness({ role: 'Edge' })
  clock = Date.parse('2026-11-26T10:00:00Z')
  services = createAppServices({
    appVersion: '0.1.0-test',
    locale: 'en',
    history: { db: history.db },
    createPowerShellSession: () => fake.createSession(),
    probeDomain: async () => {
      throw new Error('not used')
    },
    pickEvidencePath: async () => null,
    pickReportPath: async () => null,
    onProgress: () => undefined,
    now: () => new Date(clock),
    tokenLifetimeMs: 60_000,
    commandTimeoutMs: 10_000,
  })
  // The canned Edge evidence has a non-self-signed certificate in the Root store (a warning with a fix).
  const view = await services.diagnoseLive({ runId: RUN, domains: ['contoso.com'] })
  expect(view.canRunActions).toBe(true)
  expect(view.result.checks.find((c) => c.id === 'root-ca-store-healthy')?.fix?.commands).toContain(MOVE_ROOTS)
})

afterEach(async () => {
  await services.dispose()
  history.close()
  fake.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

describe('actions', () => {
  it('proposes the exact command, runs it only with the token, and records it', async () => {
    const proposal = await services.proposeAction({ runId: RUN, command: MOVE_ROOTS })
    expect(proposal).toMatchObject({ command: MOVE_ROOTS, runOn: 'any', changesServer: true })
    expect(unknownLines()).toEqual([]) // proposing runs nothing

    const record = await services.runConfirmedAction({ token: proposal.token })
    // The fake PowerShell received exactly the command, as one line.
    expect(unknownLines()).toEqual([MOVE_ROOTS])
    expect(record.command).toBe(MOVE_ROOTS)
    expect(record.status).toBe('failed') // the fake answers "not recognized" on stderr
    expect(record.output).toMatch(/not recognized/)

    const sessions = await services.listSessions({})
    const session = await services.openSession({ sessionId: sessions.items[0]!.id })
    expect(session.actions.map((a) => [a.command, a.runOn, a.status])).toEqual([[MOVE_ROOTS, 'any', 'failed']])
  })

  it('refuses a token twice, an unknown token and an expired one, running nothing', async () => {
    const proposal = await services.proposeAction({ runId: RUN, command: MOVE_ROOTS })
    await services.runConfirmedAction({ token: proposal.token })
    await expect(services.runConfirmedAction({ token: proposal.token })).rejects.toMatchObject({ code: 'action-token-invalid' })
    await expect(services.runConfirmedAction({ token: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'action-token-invalid' })
    const late = await services.proposeAction({ runId: RUN, command: MOVE_ROOTS })
    clock += 61_000
    await expect(services.runConfirmedAction({ token: late.token })).rejects.toMatchObject({ code: 'action-token-invalid' })
    expect(unknownLines()).toEqual([MOVE_ROOTS])
  })

  it('refuses commands that are not this run\'s fixes for this server', async () => {
    const refused = [
      'Remove-Item C:\\ -Recurse', // not a fix at all
      `${MOVE_ROOTS}; Restart-Computer`, // a fix with something appended
      'Resolve-DnsName -Type SRV _xmpp-server._tcp.contoso.com', // a public-DNS fix: not run on this server
      'Get-CsUser -Filter {ExternalAccessPolicy -eq "Tag:FedPic"} | Measure-Object', // a Front End fix on an Edge
    ]
    for (const command of refused) {
      await expect(services.proposeAction({ runId: RUN, command })).rejects.toMatchObject({ code: 'action-unknown-command' })
    }
    expect(unknownLines()).toEqual([])
  })

  it('never runs commands for evidence analyzed away from the server', async () => {
    await services.runScenario({ runId: 'run-demo-0001', name: 'proxy-service-stopped' })
    await expect(services.proposeAction({ runId: 'run-demo-0001', command: 'Start-CsWindowsService -Name RTCXMPPTGWPX' })).rejects.toMatchObject({
      code: 'action-not-allowed',
    })
  })
})
