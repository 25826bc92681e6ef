/**
 * Opens the HTML report in Debian's Chromium: no console errors, no request besides the page itself,
 * hostile evidence does not run, and a screenshot lands in test-output/report/ for a human to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import { diffSnapshots } from '../../src-shared/report/diff-snapshots'
import { buildReportModel } from '../../src-shared/report/report-model'
import { renderReportHtml } from '../../src-shared/report/render-html'
import { buildEvidence, buildProblemResult, buildProblemSession } from './helpers/sample-diagnosis'

const CHROMIUM = '/usr/bin/chromium'
const OUTPUT = resolve('test-output/report')
let browser: Browser

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    // launch() starts Chromium with a fresh temporary profile of its own and removes it on close.
    timeout: 20_000,
  })
})

afterAll(async () => {
  await browser?.close()
})

describe('HTML report in Chromium', () => {
  for (const locale of ['en', 'zh-TW'] as const) {
    it(`loads with no console errors and no requests (${locale})`, async () => {
      const session = buildProblemSession()
      const page = renderReportHtml(
        buildReportModel({
          result: buildProblemResult(),
          session,
          locale,
          changes: { baseline: { ...session, uid: 'baseline' }, diff: diffSnapshots(extractConfigSnapshot(buildEvidence('healthy')), extractConfigSnapshot(buildEvidence('problem'))) },
          generatedAt: new Date('2026-11-20T10:00:00Z'),
        }),
      )
      const file = join(OUTPUT, `report-${locale}.html`)
      writeFileSync(file, page)
      const url = pathToFileURL(file).href

      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
      const tab = await context.newPage()
      const problems: string[] = []
      const requests: string[] = []
      tab.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`)
      })
      tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
      context.on('request', (request) => requests.push(request.url()))
      try {
        await tab.goto(url, { waitUntil: 'load', timeout: 15_000 })
        await tab.screenshot({ path: join(OUTPUT, `report-${locale}.png`), fullPage: true })
        expect(problems).toEqual([])
        expect(requests).toEqual([url])
        expect(await tab.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
        expect(await tab.locator('script, img, iframe, object, embed, link').count()).toBe(0)
        // The hostile event text is on the page as text.
        expect(await tab.locator('#check-xmpp-event-log-clean pre').innerText()).toContain('<script>window.__pwned = true</script>')
        expect(await tab.locator('#verdict').isVisible()).toBe(true)
        await tab.emulateMedia({ media: 'print' })
        expect(problems).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
