/**
 * The "Check a certificate before assigning it" card in the built renderer (Chromium) against the real service
 * layer: pick a Windows-style PFX, be told the password is wrong, type it, check again, read each name and rule,
 * in English and Traditional Chinese. Screenshots: test-output/e2e/certificate-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { probeDomain } from '../../src-main/probe/probe-domain'
import { startAppHost, type AppHost } from '../app-host/app-host'
import { createCertFactory } from '../certificates/helpers/cert-factory'
import { buildRenderer, launchBrowser, openAppPage, screenshot, type LaunchedBrowser } from './e2e-support'

const PASSWORD = 'Edge-Pfx-2027!'
let work: string
let history: OpenedHistory
let host: AppHost
let chromium: LaunchedBrowser

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'xed-e2e-cert-'))
  const rendererDir = join(work, 'renderer')
  const factory = createCertFactory(work)
  // Names cover sip.contoso.com but not the bare XMPP domain: the card must say so.
  const leaf = factory.leaf('edge', { san: 'DNS:sip.contoso.com', commonName: 'sip.contoso.com' })
  const pfx = factory.pfx('edge', leaf, { password: PASSWORD, style: 'windows-legacy' })
  await buildRenderer(rendererDir)
  history = openHistoryDatabase({ path: join(work, 'history.sqlite3') })
  host = await startAppHost(rendererDir, {
    appVersion: '0.1.0-e2e',
    locale: 'en',
    history: { db: history.db },
    createPowerShellSession: () => createNodePowerShellSession({ executable: join(work, 'no-powershell-here') }),
    probeDomain: (domain) => probeDomain(domain, { dnsServers: ['127.0.0.1:9'], stepTimeoutMs: 300, totalTimeoutMs: 2000 }),
    pickCertificatePath: async () => pfx,
  })
  chromium = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await chromium?.close()
  await host?.close()
  history?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the certificate preflight card', () => {
  for (const [locale, words] of [
    ['en-US', { wrong: 'wrong or missing password: type', notReady: 'Not ready', notCovered: 'not covered', suffix: 'en' }],
    ['zh-TW', { wrong: '密碼錯誤或未提供：請輸入', notReady: '尚不可指派', notCovered: '未涵蓋', suffix: 'zh-TW' }],
  ] as const) {
    it(`asks again for a wrong password, then shows every name and rule (${locale})`, async () => {
      const { page, errors, context } = await openAppPage(chromium.browser, host.url, locale)
      if (locale === 'zh-TW') await page.getByRole('button', { name: '繁體中文' }).click()
      const card = page.getByTestId('certificate-card')
      await card.locator('#cert-domains').fill('contoso.com')
      await card.locator('button').first().click()
      await expect(card.getByTestId('certificate-input-error').textContent()).resolves.toContain(words.wrong)

      await card.locator('#cert-password').fill(PASSWORD)
      await card.locator('button').nth(1).click()
      await card.getByTestId('certificate-verdict').waitFor()
      await expect(card.getByTestId('certificate-verdict').textContent()).resolves.toContain(words.notReady)
      await expect(card.locator('.cert-names li').count()).resolves.toBe(2)
      await expect(card.locator('.cert-names li').nth(1).textContent()).resolves.toContain(words.notCovered)
      await expect(card.locator('.cert-rules li[data-rule]').count()).resolves.toBe(8)
      await expect(card.locator('li[data-rule="private-key"] .badge').getAttribute('class')).resolves.toContain('status-pass')
      await expect(card.locator('li[data-rule="names"] .badge').getAttribute('class')).resolves.toContain('status-fail')
      // The password is in its field only: never in what the page shows.
      await expect(page.locator('body').innerText()).resolves.not.toContain(PASSWORD)
      await card.scrollIntoViewIfNeeded()
      await screenshot(page, `certificate-${words.suffix}`)
      expect(errors).toEqual([])
      await context.close()
    })
  }
})
