/** Debian's Chromium, headless, for the browser tests (e2e and components); playwright gives every launch a fresh temporary profile. */
import { chromium, type Browser } from 'playwright-core'

const CHROMIUM = '/usr/bin/chromium'

export interface LaunchedBrowser {
  readonly browser: Browser
  close(): Promise<void>
}

/** Chromium headless, no background traffic. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  return {
    browser,
    close: () => browser.close(),
  }
}
