/**
 * The route picture in the built renderer (Chromium): each hop drawn with its status, the text alternative
 * beside it, in English and Traditional Chinese. Screenshots: test-output/e2e/route-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppPage, screenshot, startE2eApp, type E2eApp } from './e2e-support'

let app: E2eApp

beforeAll(async () => {
  app = await startE2eApp('xed-e2e-route-')
}, 120_000)

afterAll(async () => {
  await app?.close()
})

describe('the route picture', () => {
  it('draws where a message to a Jabber contact breaks, with words for each hop, in both languages', async () => {
    const { page, errors, context } = await openAppPage(app.chromium.browser, app.host.url)
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
