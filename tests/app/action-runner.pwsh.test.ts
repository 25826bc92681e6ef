/**
 * A confirmed fix through the app services, run by real PowerShell (pwsh 7). The evidence comes from
 * the fake PowerShell (canned Edge files, with a services.json whose stopped proxy service has a name
 * that would be code if pasted: `$`), and the action goes to a real pwsh whose PSModulePath holds a
 * module that shadows Start-CsWindowsService and records what it was bound to. The two sessions are
 * composed here, in the test: the product sends every script to the one session it was given.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import { fixedRunnerScript } from '../../src-main/powershell/command-runner'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import type { PowerShellSession } from '../../src-main/powershell/powershell-session'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { createFakeHarness, FAKE_DATA_DIR, type FakeHarness } from '../fakes/fake-powershell-harness'
import { requirePwsh, shadowEnv, writeShadowModule } from '../powershell/real-pwsh'
import { createTestAppServices } from '../support/test-app-services'

const RUN = 'run-live-pwsh-0001'

let dir: string
let history: OpenedHistory
let fake: FakeHarness
let pwsh: PowerShellSession
let services: AppServices

/** Collection scripts go to the fake; the runner's fixed script goes to real pwsh. */
function composedSession(): PowerShellSession {
  const collector = fake.createSession()
  return {
    invoke: (script, options) => (script.startsWith(fixedRunnerScript()) ? pwsh : collector).invoke(script, options),
    dispose: async () => {
      await collector.dispose()
    },
  }
}

function edgeDataWithProxy(name: string): string {
  const data = join(dir, 'data')
  cpSync(FAKE_DATA_DIR, data, { recursive: true })
  const list = JSON.parse(readFileSync(join(data, 'services.json'), 'utf8')) as Record<string, unknown>[]
  const proxy = list.find((s) => String(s.DisplayName).endsWith('XMPP Translating Gateway Proxy'))
  if (!proxy) throw new Error('canned data has no proxy service')
  Object.assign(proxy, { Name: name, Status: 'Stopped' })
  writeFileSync(join(data, 'services.json'), JSON.stringify(list, null, 4))
  return data
}

beforeEach(() => {
  const executable = requirePwsh()
  dir = mkdtempSync(join(tmpdir(), 'xed-action-pwsh-'))
  writeShadowModule(join(dir, 'modules'), ['Start-CsWindowsService', 'Get-CsWindowsService', 'Set-Service'])
  pwsh = createNodePowerShellSession({ executable, env: shadowEnv(join(dir, 'modules'), join(dir, 'bound.json')), killGraceMs: 2000 })
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
})

afterEach(async () => {
  await services?.dispose()
  await pwsh?.dispose()
  history?.close()
  fake?.cleanup()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function startServices(dataDir: string): void {
  fake = createFakeHarness({ role: 'Edge', dataDir })
  services = createTestAppServices(history.db, {
    createPowerShellSession: composedSession,
    tokenLifetimeMs: 60_000,
    commandTimeoutMs: 60_000,
  })
}

describe('confirmed fix under real pwsh', () => {
  it('starts the service named in services.json, the name arriving as data', async () => {
    const name = 'RTC$XMPP.PX-1' // `$XMPP` would be expanded to nothing in pasted code
    startServices(edgeDataWithProxy(name))
    const view = await services.diagnoseLive({ runId: RUN, domains: ['contoso.com'] })
    const command = view.runnableCommands.find((c) => c.text.startsWith('Start-CsWindowsService'))
    expect(command?.text).toBe(`Start-CsWindowsService -Name 'RTC$XMPP.PX-1'`)

    const proposal = await services.proposeAction({ runId: RUN, commandId: command?.id ?? '' })
    const shown = await services.acknowledgeAction({ token: proposal.token })
    const record = await services.runConfirmedAction({ token: shown.token })

    expect(record).toMatchObject({ command: `Start-CsWindowsService -Name 'RTC$XMPP.PX-1'`, status: 'succeeded' })
    expect(record.output).toMatch(/Start-CsWindowsService ran/)
    const bound = JSON.parse(readFileSync(join(dir, 'bound.json'), 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>
    expect(bound).toEqual({ Cmdlet: 'Start-CsWindowsService', Name: name })
  }, 120_000)

  it('offers nothing to run for a service name holding code, and nothing runs', async () => {
    const marker = join(dir, 'marker')
    startServices(edgeDataWithProxy(`RTCXMPPTGWPX; New-Item -ItemType File -Path '${marker}'; #`))
    const view = await services.diagnoseLive({ runId: RUN, domains: ['contoso.com'] })
    expect(view.runnableCommands.filter((c) => c.text.includes('New-Item'))).toEqual([])
    const fix = view.result.checks.find((c) => c.id === 'xmpp-proxy-service-running')?.fix
    expect(fix?.plans?.map((p) => p.displayOnly === null)).toEqual([false, false])
    // Every command the run does offer runs as data (under pwsh on Linux most fail: no Cert: drive); none creates the marker.
    expect(view.runnableCommands.length).toBeGreaterThan(0)
    for (const command of view.runnableCommands) {
      const proposal = await services.proposeAction({ runId: RUN, commandId: command.id })
      const shown = await services.acknowledgeAction({ token: proposal.token })
      await services.runConfirmedAction({ token: shown.token })
    }
    expect(existsSync(marker)).toBe(false)
  }, 120_000)
})
