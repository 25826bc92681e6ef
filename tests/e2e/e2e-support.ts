/** Shared pieces of the browser tests: build the renderer, launch Debian's Chromium, open the app page with the shim, or all at once (startE2eApp). */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src-shared/ipc/api-contract'
import { installXedShim } from '../app-host/xed-shim'
import { startAppHost, type AppHost, type HostDeps } from '../app-host/app-host'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { probeDomain } from '../../src-main/probe/probe-domain'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { launchBrowser, type LaunchedBrowser } from '../support/chromium'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'e2e')

/** Builds the renderer exactly as `npm run build` does, into a folder of its own. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  })
}

// The launch is shared with the component tests (tests/components), which need none of the services imported here.
export { launchBrowser, type LaunchedBrowser } from '../support/chromium'

/** Opens the app at 1366×768 with `window.xed` forwarding to the host; collects page errors. */
export async function openAppPage(browser: Browser, url: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin }).catch(() => undefined)
  await context.addInitScript(installXedShim, { invoke: INVOKE_CHANNELS, events: EVENT_CHANNELS })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(url)
  return { context, page, errors }
}

/** Saves a screenshot for reviewers under test-output/e2e/. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage })
  return path
}

/** A started app for one e2e file: the built renderer, a fresh history, the test host and Chromium. */
export interface E2eApp {
  readonly work: string
  readonly history: OpenedHistory
  readonly host: AppHost
  readonly chromium: LaunchedBrowser
  close(): Promise<void>
}

/**
 * Builds the renderer into a fresh folder and starts the test host and Chromium with the usual loopback-only
 * dependencies (no PowerShell here, a closed resolver port for probes); `overrides` replaces any of them.
 */
export async function startE2eApp(prefix: string, overrides: (work: string) => Partial<HostDeps> = () => ({})): Promise<E2eApp> {
  const work = mkdtempSync(join(tmpdir(), prefix))
  const rendererDir = join(work, 'renderer')
  await buildRenderer(rendererDir)
  const history = openHistoryDatabase({ path: join(work, 'history.sqlite3') })
  const host = await startAppHost(rendererDir, {
    appVersion: '0.1.0-e2e',
    locale: 'en',
    history: { db: history.db },
    createPowerShellSession: () => createNodePowerShellSession({ executable: join(work, 'no-powershell-here') }),
    probeDomain: (domain) => probeDomain(domain, { dnsServers: ['127.0.0.1:9'], stepTimeoutMs: 300, totalTimeoutMs: 2000 }),
    ...overrides(work),
  })
  const chromium = await launchBrowser()
  return {
    work,
    history,
    host,
    chromium,
    async close() {
      await chromium.close()
      await host.close()
      history.close()
      rmSync(work, { recursive: true, force: true })
    },
  }
}
