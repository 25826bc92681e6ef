/**
 * The desktop app's renderer, built for real and driven in Debian's Chromium against the real service
 * layer (core, store, scenarios, collector) through the test host. Screenshots: test-output/e2e/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { fixedRunnerScript } from '../../src-main/powershell/command-runner'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { probeDomain } from '../../src-main/probe/probe-domain'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { startAppHost, type AppHost } from '../app-host/app-host'
import { createFakeHarness, type FakeHarness } from '../fakes/fake-powershell-harness'
import { buildRenderer, launchBrowser, openAppPage, REPO_ROOT, screenshot, type LaunchedBrowser } from './e2e-support'

let work: string
let rendererDir: string
let history: OpenedHistory
let host: AppHost
let chromium: LaunchedBrowser

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'xed-e2e-'))
  rendererDir = join(work, 'renderer')
  await buildRenderer(rendererDir)
  history = openHistoryDatabase({ path: join(work, 'history.sqlite3') })
  host = await startAppHost(rendererDir, {
    appVersion: '0.1.0-e2e',
    locale: 'en',
    history: { db: history.db },
    // The real session: on a machine without PowerShell it fails with the typed 'unavailable' error.
    createPowerShellSession: () => createNodePowerShellSession({ executable: join(work, 'no-powershell-here') }),
    // Loopback only: a closed resolver port, short steps.
    probeDomain: (domain) => probeDomain(domain, { dnsServers: ['127.0.0.1:9'], stepTimeoutMs: 300, totalTimeoutMs: 2000 }),
  })
  chromium = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await chromium?.close()
  await host?.close()
  history?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

/** A second host whose PowerShell is the fake one on an Edge, with a history of its own: fix commands may run there. */
async function withLiveEdgeHost(historyFile: string, body: (live: { fake: FakeHarness; url: string }) => Promise<void>): Promise<void> {
  const fake = createFakeHarness({ role: 'Edge' })
  const liveHistory = openHistoryDatabase({ path: join(work, historyFile) })
  const liveHost = await startAppHost(rendererDir, {
    appVersion: '0.1.0-e2e',
    locale: 'en',
    history: { db: liveHistory.db },
    createPowerShellSession: () => fake.createSession(),
    probeDomain: async () => {
      throw new Error('not used')
    },
  })
  try {
    await body({ fake, url: liveHost.url })
  } finally {
    await liveHost.close()
    liveHistory.close()
    fake.cleanup()
  }
}

/** Diagnoses contoso.com live (the fake PowerShell) and waits for the verdict. */
async function runLive(page: Page): Promise<void> {
  await page.getByLabel('Your XMPP domains (comma-separated)').fill('contoso.com')
  await page.getByTestId('live-start').click()
  await page.getByTestId('verdict').waitFor({ timeout: 20_000 })
}

/** Asks to run the fix of one check from the "All checks" tab; answers the confirmation dialog once it is open. */
async function openFixConfirmation(page: Page, checkId: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'All checks' }).click()
  const check = page.locator(`[data-check-id="${checkId}"]`)
  await check.locator('button.check-toggle').click()
  await check.getByRole('button', { name: 'Run…' }).click()
  const dialog = page.getByTestId('action-confirm')
  await dialog.waitFor()
  return dialog
}

async function runScenario(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: /Home|首頁/ }).first().click()
  await page.locator(`button[data-scenario="${name}"]`).click()
  await page.getByTestId('verdict').waitFor()
}

describe('desktop app in Chromium', () => {
  it('shows the home screen with the demo scenarios', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await page.getByRole('heading', { name: 'Diagnose this server' }).waitFor()
    await page.locator('button[data-scenario="healthy-edge"]').waitFor()
    expect(await page.locator('button[data-scenario]').count()).toBeGreaterThanOrEqual(10)
    await screenshot(page, '01-home-en')
    expect(errors).toEqual([])
    await context.close()
  })

  it('runs a demo scenario to its root cause and opens a finding\'s evidence', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await runScenario(page, 'proxy-service-stopped')
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Problems found')
    const rootCause = page.getByTestId('root-cause')
    await expect(rootCause.textContent()).resolves.toMatch(/Start-CsWindowsService/)
    // The path ends at the failing check, with its evidence shown.
    const last = page.locator('.path-node.last')
    await expect(last.getAttribute('data-node-id')).resolves.toBe('proxy-service')
    await expect(last.getByTestId('evidence-panel').textContent()).resolves.toMatch(/XMPP/)
    await screenshot(page, '02-root-cause-tree')

    await page.getByRole('tab', { name: 'All checks' }).click()
    const item = page.locator('[data-check-id="edge-certificate-names"]')
    await item.locator('button.check-toggle').click()
    await expect(item.locator('button.check-toggle').getAttribute('aria-expanded')).resolves.toBe('true')
    await expect(item.getByTestId('evidence-panel').textContent()).resolves.toMatch(/AccessEdgeExternal/)
    await screenshot(page, '03a-check-evidence')

    // Another scenario: the raw netstat lines are the evidence of the node the walk stopped at.
    await runScenario(page, 'port-5269-taken')
    await expect(page.locator('.path-node.last').getAttribute('data-node-id')).resolves.toBe('external-port')
    await expect(page.locator('.path-node.last').getByTestId('evidence-panel').textContent()).resolves.toMatch(/203\.0\.113\.10:5269\s+0\.0\.0\.0:0\s+LISTENING/)
    await screenshot(page, '03b-netstat-evidence')
    expect(errors).toEqual([])
    await context.close()
  })

  it('waits on a manual question and moves on when it is answered', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await runScenario(page, 'ports-closed-route-question')
    const card = page.getByTestId('question-card')
    await expect(card.getAttribute('data-node-id')).resolves.toBe('q-route-assigned')
    await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Incomplete/)
    await screenshot(page, '04-question-waiting')
    await card.locator('button[data-answer="no"]').click()
    await page.getByTestId('root-cause').waitFor()
    await expect(page.getByTestId('root-cause').textContent()).resolves.toMatch(/XMPP federation route is not assigned/)
    await expect(page.locator('.path-node.last').getAttribute('data-node-id')).resolves.toBe('c-assign-route')
    await screenshot(page, '05-question-answered')
    expect(errors).toEqual([])
    await context.close()
  })

  it('switches to Traditional Chinese at run time, check titles and fixes included', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await runScenario(page, 'proxy-service-stopped')
    await page.getByRole('button', { name: '繁體中文' }).click()
    await page.locator('[data-testid="verdict"]', { hasText: '發現問題' }).waitFor()
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('發現問題')
    await page.getByRole('tab', { name: '所有檢查' }).waitFor()
    await expect(page.getByTestId('root-cause').textContent()).resolves.toMatch(/啟動/)
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-TW')
    await screenshot(page, '06-zh-TW-run')
    await page.getByRole('tab', { name: '設定檢查清單（步驟 1–25）' }).click()
    await expect(page.getByTestId('setup-checklist').locator('li.checklist-step').count()).resolves.toBe(25)
    // The proxy is stopped: step 22 (certificate assigned, services restarted) is contradicted, step 2 is the Front End's.
    const step22 = page.getByTestId('setup-checklist').locator('li.checklist-step[data-step="22"]')
    await expect(step22.getAttribute('class')).resolves.toContain('checklist-contradicted')
    await expect(step22.locator('.checklist-status').textContent()).resolves.toBe('與證據不符')
    await expect(page.locator('li.checklist-step[data-step="2"] .checklist-why').textContent()).resolves.toContain('需從前端伺服器查看')
    await screenshot(page, '07-zh-TW-setup-checklist')
    await page.getByRole('button', { name: 'English' }).click()
    await page.locator('[data-testid="verdict"]', { hasText: 'Problems found' }).waitFor()
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Problems found')
    expect(errors).toEqual([])
    await context.close()
  })

  it('lists past sessions, opens one read-only and adds a note', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await runScenario(page, 'certificate-expired')
    await page.getByRole('button', { name: 'History' }).click()
    const table = page.getByTestId('session-table')
    await table.waitFor()
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3)
    await screenshot(page, '08-history')
    await table.locator('tbody tr').first().getByRole('button').click()
    await page.getByText('Recorded session (read-only)').waitFor()
    // Read-only: no answer buttons and no run buttons anywhere.
    expect(await page.locator('button[data-answer]').count()).toBe(0)
    const note = `Called the certificate team ${Date.now()}`
    await page.getByLabel('Add note').fill(note)
    await page.getByRole('button', { name: 'Add note' }).click()
    await page.getByTestId('notes').getByText(note).waitFor()
    await screenshot(page, '09-session-note')
    expect(errors).toEqual([])
    await context.close()
  })

  it('says clearly that live collection needs PowerShell on the server', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await page.getByLabel('Your XMPP domains (comma-separated)').fill('contoso.com')
    await page.getByTestId('live-start').click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toMatch(/PowerShell could not be started/)
    await screenshot(page, '10-live-unavailable')
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([])
    await context.close()
  })

  it('opens an evidence folder chosen in the open dialog and saves reports of the session', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    host.nextEvidencePath = join(REPO_ROOT, 'tests', 'scenarios', 'healthy-edge')
    await page.getByRole('button', { name: 'Open folder…' }).click()
    await page.getByTestId('verdict').waitFor()
    await expect(page.getByTestId('run-title').textContent()).resolves.toBe('healthy-edge')
    await expect(page.getByTestId('verdict').textContent()).resolves.toBe('Healthy')
    await page.getByRole('tab', { name: 'Evidence files' }).click()
    await expect(page.locator('table.files').textContent()).resolves.toMatch(/netstat\.txt/)
    await screenshot(page, '12-evidence-folder-files')

    for (const format of ['html', 'md'] as const) {
      host.nextReportPath = join(work, `report-${format}`) // no extension: the app adds it
      await page.getByLabel('Format').selectOption(format)
      await page.getByRole('button', { name: 'Save report' }).click()
      // The previous save's notice may still be showing: wait for this format's file name.
      const saved = page.locator('[data-testid="report-saved"]', { hasText: `report-${format}.${format}` })
      await saved.waitFor()
      await expect(saved.textContent()).resolves.toContain(`report-${format}.${format}`)
      const written = readFileSync(join(work, `report-${format}.${format}`), 'utf8')
      expect(written).toContain('EDGE01')
      await page.getByRole('tab', { name: 'Troubleshooting tree' }).click()
    }
    await screenshot(page, '13-report-saved')
    expect(errors).toEqual([])
    await context.close()
  })

  it('probes a domain and shows what failed (loopback resolver only)', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await page.getByLabel('Domain', { exact: true }).fill('contoso.test')
    await page.getByRole('button', { name: 'Probe', exact: true }).click()
    await page.getByTestId('verdict').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('run-title').textContent()).resolves.toBe('contoso.test')
    await page.getByRole('tab', { name: 'All checks' }).click()
    await expect(page.locator('[data-check-id="s2s-dns-srv"] .badge').textContent()).resolves.not.toMatch(/not applicable/)
    await screenshot(page, '14-probe')
    expect(errors).toEqual([])
    await context.close()
  })

  it('runs a fix on the server only after confirming its exact command, and records it (fake PowerShell)', async () => {
    await withLiveEdgeHost('live-history.sqlite3', async ({ fake, url }) => {
      const { page, errors, context } = await openAppPage(chromium.browser, url)
      await runLive(page)
      // The root cause's fix is a public DNS record: copy only, never a Run button.
      await expect(page.getByTestId('root-cause').getByRole('button', { name: 'Run…' }).count()).resolves.toBe(0)
      // …and it says why, in place of a Run button.
      await expect(page.getByTestId('root-cause').locator('.command-reason').first().textContent()).resolves.toMatch(/not a command/)
      const dialog = await openFixConfirmation(page, 'root-ca-store-healthy')
      await expect(dialog.locator('pre.command-exact').textContent()).resolves.toContain("Move-Item -Destination 'Cert:\\LocalMachine\\CA'")
      await screenshot(page, '15-action-confirm')
      const ranBefore = fake.readLog().filter((e) => e.event === 'unknown').length
      expect(ranBefore).toBe(0) // nothing runs before the confirmation
      await dialog.getByRole('button', { name: 'Yes, run it' }).click()
      await page.getByRole('heading', { name: 'Commands run in this session' }).waitFor()
      // What reached PowerShell is the fixed runner script with the command's data, not the command text.
      const lines = fake.readLog().filter((e) => e.event === 'unknown').map((e) => e.line ?? '')
      expect(lines).toHaveLength(1)
      expect(lines[0]?.startsWith(fixedRunnerScript())).toBe(true)
      await screenshot(page, '16-action-recorded')
      expect(errors).toEqual([])
      await context.close()
    })
  })

  it('opens the confirmation with the whole command in view, even with 60 line breaks and a long value in it', async () => {
    await withLiveEdgeHost('live-history-2.sqlite3', async ({ fake, url }) => {
      const { page, errors, context } = await openAppPage(chromium.browser, url)
      // What the dialog must survive: a proposal whose text holds 60 line breaks and a 600-character value.
      // The main process never proposes such a command (it is display-only); the dialog is tested on its own.
      const hostileValue = `RTCXMPPTGWPX${'\n'.repeat(60)}; Remove-Item C:\\ -Recurse -Force; #${'A'.repeat(600)}`
      await page.route('**/api/invoke/action%3Apropose', async (route) => {
        const response = await route.fetch()
        const envelope = (await response.json()) as { ok: boolean; value: { command: string } }
        envelope.value.command = `Start-CsWindowsService -Name '${hostileValue}'`
        await route.fulfill({ response, json: envelope })
      })
      await runLive(page)
      const dialog = await openFixConfirmation(page, 'root-ca-store-healthy')
      const command = page.getByTestId('confirm-command')
      // Confirm is enabled once the main process accepted that the dialog shows the proposal.
      await page.locator('[data-testid="action-confirm"] button.warn-button:enabled').waitFor()
      const text = (await command.textContent()) ?? ''
      // Line breaks are shown as ␊, not obeyed: the command keeps its place at the top of the dialog.
      expect(text.split('␊')).toHaveLength(61)
      expect(text).not.toContain('\n')
      const geometry = await command.evaluate((element) => {
        // Runs in the page; the Node tsconfig has no DOM library, so the page globals are typed here.
        const page = globalThis as unknown as {
          innerHeight: number
          document: { elementFromPoint(x: number, y: number): typeof element | null }
          getComputedStyle(e: typeof element): { fontFamily: string }
        }
        const box = element.getBoundingClientRect()
        const hit = page.document.elementFromPoint(box.left + 20, box.top + 10)
        return {
          top: box.top,
          bottom: box.bottom,
          viewport: page.innerHeight,
          dialogScrollTop: element.closest('dialog')?.scrollTop ?? -1,
          startsInView: hit !== null && (hit === element || element.contains(hit)),
          wraps: element.scrollWidth <= element.clientWidth,
          font: page.getComputedStyle(element).fontFamily,
        }
      })
      expect(geometry.top).toBeGreaterThanOrEqual(0)
      expect(geometry.top).toBeLessThan(geometry.viewport / 2)
      expect(geometry.dialogScrollTop).toBe(0)
      expect(geometry.startsInView).toBe(true)
      expect(geometry.wraps).toBe(true)
      expect(geometry.font).toMatch(/mono/i)
      await screenshot(page, '17-action-confirm-hostile')
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      expect(fake.readLog().filter((e) => e.event === 'unknown')).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    })
  })

  it('can be used with the keyboard alone', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await page.locator('button[data-scenario="ports-closed-route-question"]').waitFor()
    // Tab from the top of the page to the scenario, then Enter.
    await page.keyboard.press('Tab')
    let steps = 0
    while (!(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-scenario') === 'ports-closed-route-question'))) {
      await page.keyboard.press('Tab')
      if (++steps > 60) throw new Error('the scenario button cannot be reached with Tab')
    }
    await screenshot(page, '17-keyboard-focus')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="question-card"][data-node-id="q-route-assigned"]').waitFor({ timeout: 10_000 })
    await page.getByTestId('question-card').locator('button[data-answer="yes"]').focus()
    await page.keyboard.press('Enter')
    // The answer round-trips to the main process; wait for the next question's card, not just any card
    // (the previous one is still on screen until the new walk arrives).
    await page.locator('[data-testid="question-card"][data-node-id="q-topology-published"]').waitFor({ timeout: 10_000 })
    // Arrow keys move between the tabs.
    await page.getByRole('tab', { name: 'Troubleshooting tree' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('tab', { name: 'All checks' }).getAttribute('aria-selected')).resolves.toBe('true')
    expect(errors).toEqual([])
    await context.close()
  })

  it('rejects a bad payload from the page and runs nothing', async () => {
    const { page, context } = await openAppPage(chromium.browser, host.url)
    const envelope = await page.evaluate(() =>
      (globalThis as unknown as { xed: { runScenario(r: unknown): Promise<unknown> } }).xed.runScenario({ runId: 'run-abcdefgh', name: '../../etc' }),
    )
    expect(envelope).toMatchObject({ ok: false, error: { name: 'PayloadError' } })
    await context.close()
  })

  it('defaults to the language the host reports (zh-TW)', async () => {
    const zhHost = await startAppHost(rendererDir, {
      appVersion: '0.1.0-e2e',
      locale: 'zh-TW',
      history: { db: null, reason: { en: 'test: no history', 'zh-TW': '測試：沒有歷程' } },
      createPowerShellSession: () => createNodePowerShellSession({ executable: join(work, 'no-powershell-here') }),
      probeDomain: async () => {
        throw new Error('not used')
      },
    })
    try {
      const { page, context } = await openAppPage(chromium.browser, zhHost.url, 'zh-TW')
      await page.getByRole('heading', { name: '診斷此伺服器' }).waitFor()
      // The history list loads after the heading: wait for it rather than sample it.
      await page.getByText('測試：沒有歷程').first().waitFor()
      await screenshot(page, '11-home-zh-TW-no-history')
      await context.close()
    } finally {
      await zhHost.close()
    }
  })
})

