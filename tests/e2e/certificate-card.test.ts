/**
 * The "Check a certificate before assigning it" card in the built renderer (Chromium) against the real service
 * layer: pick a Windows-style PFX, be told the password is wrong, type it, check again, read each name and rule,
 * in English and Traditional Chinese. Screenshots: test-output/e2e/certificate-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCertFactory } from '../certificates/helpers/cert-factory'
import { openAppPage, screenshot, startE2eApp, type E2eApp } from './e2e-support'

const PASSWORD = 'Edge-Pfx-2027!'
let app: E2eApp

beforeAll(async () => {
  app = await startE2eApp('xed-e2e-cert-', (work) => {
    const factory = createCertFactory(work)
    // Names cover sip.contoso.com but not the bare XMPP domain: the card must say so.
    const leaf = factory.leaf('edge', { san: 'DNS:sip.contoso.com', commonName: 'sip.contoso.com' })
    const pfx = factory.pfx('edge', leaf, { password: PASSWORD, style: 'windows-legacy' })
    return { pickCertificatePath: async () => pfx }
  })
}, 180_000)

afterAll(async () => {
  await app?.close()
})

describe('the certificate preflight card', () => {
  for (const [locale, words] of [
    ['en-US', { wrong: 'wrong or missing password: type', notReady: 'Not ready', notCovered: 'not covered', suffix: 'en' }],
    ['zh-TW', { wrong: '密碼錯誤或未提供：請輸入', notReady: '尚不可指派', notCovered: '未涵蓋', suffix: 'zh-TW' }],
  ] as const) {
    it(`asks again for a wrong password, then shows every name and rule (${locale})`, async () => {
      const { page, errors, context } = await openAppPage(app.chromium.browser, app.host.url, locale)
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
