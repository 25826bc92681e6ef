/**
 * The home screen says which build is running, in the built renderer in Chromium with the real service layer
 * (tests/app-host): the legacy build adds why it exists and what it costs, in both languages.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeAppVersion, type BuildInfo } from '../../src-shared/build/build-flavour'
import { text, type Locale } from '../../src-shared/i18n/localized'
import { startAppHost } from '../app-host/app-host'
import { buildRenderer, launchBrowser, openAppPage, type LaunchedBrowser } from '../e2e/e2e-support'

let rendererDir: string
let chromium: LaunchedBrowser

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'xed-footer-'))
  await buildRenderer(rendererDir)
  chromium = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await chromium?.close()
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true })
})

async function footerText(build: BuildInfo, locale: Locale): Promise<string> {
  const host = await startAppHost(rendererDir, {
    appVersion: describeAppVersion('0.1.0', build),
    build,
    locale,
    history: { db: null, reason: text('no history in this test', '此測試沒有歷程') },
    createPowerShellSession: () => {
      throw new Error('not used')
    },
    probeDomain: async () => {
      throw new Error('not used')
    },
  })
  try {
    const { page, errors, context } = await openAppPage(chromium.browser, host.url, locale === 'zh-TW' ? 'zh-TW' : 'en-US')
    const footer = page.locator('footer.build-footer')
    await footer.waitFor({ timeout: 20_000 })
    const content = await footer.innerText()
    await context.close()
    expect(errors).toEqual([])
    return content
  } finally {
    await host.close()
  }
}

describe('home screen footer', () => {
  it('legacy build: version, build and the warning, in English', async () => {
    const content = await footerText({ flavour: 'legacy', electron: '22.3.27' }, 'en')
    expect(content).toContain('0.1.0 (legacy build, Electron 22.3.27)')
    expect(content).toContain('Legacy build (Electron 22), for Windows Server 2008 R2 SP1, 2012 and 2012 R2')
    expect(content).toContain('only for servers that cannot run anything newer')
    expect(content).toContain('no Chromium security fixes since October 2023')
  }, 60_000)

  it('legacy build in Traditional Chinese', async () => {
    const content = await footerText({ flavour: 'legacy', electron: '22.3.27' }, 'zh-TW')
    expect(content).toContain('舊版相容建置（Electron 22）')
    expect(content).toContain('2023 年 10 月起不再取得 Chromium 安全性修正')
  }, 60_000)

  it('current build: no warning', async () => {
    const content = await footerText({ flavour: 'current', electron: '45.5.0' }, 'en')
    expect(content).toContain('Current build, for Windows Server 2016 and later')
    expect(content).not.toContain('security fixes')
  }, 60_000)
})
