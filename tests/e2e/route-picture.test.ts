/**
 * The route picture in the built renderer (Chromium): each hop drawn with its status, the text alternative
 * beside it, in English and Traditional Chinese. Screenshots: test-output/e2e/route-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { probeDomain } from '../../src-main/probe/probe-domain'
import { startAppHost, type AppHost } from '../app-host/app-host'
import { buildRenderer, launchBrowser, openAppPage, screenshot, type LaunchedBrowser } from './e2e-support'

let work: string
let history: OpenedHistory
let host: AppHost
let chromium: LaunchedBrowser

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'xed-e2e-route-'))
  const rendererDir = join(work, 'renderer')
  await buildRenderer(rendererDir)
  history = openHistoryDatabase({ path: join(work, 'history.sqlite3') })
  host = await startAppHost(rendererDir, {
    appVersion: '0.1.0-e2e',
    locale: 'en',
    history: { db: history.db },
    createPowerShellSession: () => createNodePowerShellSession({ executable: join(work, 'no-powershell-here') }),
    // Loopback only: a closed resolver port (no probe runs in this test).
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

describe('the route picture', () => {
  it('draws where a message to a Jabber contact breaks, with words for each hop, in both languages', async () => {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url)
    await page.locator('button[data-scenario="proxy-service-stopped"]').click()
    await page.getByTestId('verdict').waitFor()
    const route = page.getByTestId('route')
    await route.waitFor()
    const status = (hop: string) => route.locator(`g[data-hop="${hop}"]`).getAttribute('data-status')
    await expect(status('edge-proxy')).resolves.toBe('fail')
    await expect(status('frontend-gateway')).resolves.toBe('unknown')
    await expect(status('user-policy')).resolves.toBe('pass')
    await expect(route.locator('g[data-hop]').count()).resolves.toBe(9)
    // The text alternative: the SVG's description and a list a screen reader reads in order.
    await expect(route.locator('svg desc').textContent()).resolves.toMatch(/Edge proxy: broken/)
    await expect(route.locator('ol.route-text li').nth(3).textContent()).resolves.toMatch(/✗ Edge proxy — .*is stopped/)
    await route.scrollIntoViewIfNeeded()
    await screenshot(page, 'route-en')

    await page.getByRole('button', { name: '繁體中文' }).click()
    await route.locator('h3', { hasText: '訊息到 Jabber 聯絡人的路由' }).waitFor()
    await expect(route.locator('svg desc').textContent()).resolves.toMatch(/Edge Proxy：故障/)
    await expect(route.locator('ol.route-text li').nth(1).textContent()).resolves.toMatch(/前端伺服器/)
    await route.scrollIntoViewIfNeeded()
    await screenshot(page, 'route-zh-TW')
    expect(errors).toEqual([])
    await context.close()
  })
})
