/**
 * Incident mode in the built renderer (Chromium): "Open several" gives one diagnosis over the Front End and the
 * Edge (each server listed, the route broken on the Edge's side), and "Watch until healthy" on an evidence run shows
 * only the changes and the time to recover, in English and Traditional Chinese. The watch's pause is injected (the
 * collector's rewrite happens at the first pause), so nothing waits on a timer.
 * Screenshots: test-output/e2e/several-evidence-*.png, watch-*.png.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyScenario } from '../cli/evidence-folder-helper'
import { openAppPage, REPO_ROOT, screenshot, startE2eApp, type E2eApp } from './e2e-support'

const SCENARIOS = join(REPO_ROOT, 'tests', 'scenarios')
let app: E2eApp
const notifications: string[] = []
let watched = ''
let several: string[] = []
let pauses = 0
// The watch's clock: each pause moves it by the interval, so the time to recover is the interval, not a guess.
let clock = Date.parse('2026-11-20T02:00:00Z')

beforeAll(async () => {
  watched = copyScenario('proxy-service-stopped')
  several = [join(SCENARIOS, 'healthy-frontend'), join(SCENARIOS, 'proxy-service-stopped')]
  app = await startE2eApp('xed-e2e-incident-', () => ({
    pickEvidencePaths: async () => several,
    notify: (title, body) => notifications.push(`${title} ${body}`),
    now: () => new Date(clock),
    sleep: async (ms) => {
      clock += ms
      // The scheduled collector rewrote the folder: the proxy runs again.
      if (++pauses === 1) cpSync(join(SCENARIOS, 'healthy-edge'), watched, { recursive: true })
    },
  }))
}, 120_000)

afterAll(async () => {
  await app?.close()
  rmSync(dirname(watched), { recursive: true, force: true })
})

describe('incident mode in the app', () => {
  it('open several: one diagnosis over the Front End and the Edge, each server listed, in both languages', async () => {
    const { page, errors, context } = await openAppPage(app.chromium.browser, app.host.url)
    await page.getByRole('button', { name: 'Open several folders…' }).click()
    await page.getByTestId('verdict').waitFor()
    const servers = page.getByTestId('servers')
    await servers.waitFor()
    await expect(servers.locator('li[data-host]').evaluateAll((items) => items.map((li) => li.getAttribute('data-host')))).resolves.toEqual(['FE01', 'EDGE01'])
    const route = page.getByTestId('route')
    const status = (hop: string) => route.locator(`g[data-hop="${hop}"]`).getAttribute('data-status')
    await expect(status('frontend-gateway')).resolves.toBe('pass')
    await expect(status('edge-proxy')).resolves.toBe('fail')
    await expect(page.getByTestId('run-title').textContent()).resolves.toBe('healthy-frontend + proxy-service-stopped')
    await screenshot(page, 'several-evidence-en')

    await page.getByRole('button', { name: '繁體中文' }).click()
    await servers.locator('h3', { hasText: '此診斷涵蓋的伺服器' }).waitFor()
    await expect(servers.textContent()).resolves.toMatch(/前端伺服器/)
    await screenshot(page, 'several-evidence-zh-TW')
    expect(errors).toEqual([])
    await context.close()
  })

  it('open several: a set collected hours from the other is flagged on its server', async () => {
    const frontEnd = copyScenario('healthy-frontend')
    const manifestPath = join(frontEnd, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, collectedAt: '2026-11-20T04:45:00.0000000Z' }, null, 4))
    several = [frontEnd, join(SCENARIOS, 'proxy-service-stopped')]
    try {
      const { page, errors, context } = await openAppPage(app.chromium.browser, app.host.url)
      await page.getByRole('button', { name: 'Open several folders…' }).click()
      const servers = page.getByTestId('servers')
      await servers.waitFor()
      await expect(servers.locator('li.apart').count()).resolves.toBe(2)
      await expect(servers.locator('li.apart [role="note"]').first().textContent()).resolves.toMatch(/more than an hour apart/)
      expect(errors).toEqual([])
      await context.close()
    } finally {
      rmSync(dirname(frontEnd), { recursive: true, force: true })
    }
  })

  it('watch until healthy: the opening verdict, then only the changes and the time to recover, in both languages', async () => {
    const { page, errors, context } = await openAppPage(app.chromium.browser, app.host.url)
    app.host.nextEvidencePath = watched
    await page.getByRole('button', { name: 'Open folder…' }).click()
    await page.getByTestId('verdict').waitFor()
    const card = page.getByTestId('watch')
    await card.getByTestId('watch-switch').check()
    await card.getByTestId('watch-recovered').waitFor()
    await expect(card.getByTestId('watch-recovered').textContent()).resolves.toMatch(/Healthy again after 30s\./)
    // Two polls shown: the opening verdict (problems) and the one that changed (healthy, the proxy running).
    await expect(card.locator('ol.watch-log > li').count()).resolves.toBe(2)
    await expect(card.locator('ol.watch-log > li').nth(1).textContent()).resolves.toMatch(/✗ → ✓/)
    expect(notifications).toHaveLength(1)
    // The run now shows the state the watch saw last.
    await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Healthy/)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'watch-en')

    await page.getByRole('button', { name: '繁體中文' }).click()
    await card.locator('h3', { hasText: '監看直到恢復正常' }).waitFor()
    await expect(card.getByTestId('watch-recovered').textContent()).resolves.toMatch(/已恢復正常，歷時 30 秒。/)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'watch-zh-TW')
    expect(errors).toEqual([])
    await context.close()
  })
})
