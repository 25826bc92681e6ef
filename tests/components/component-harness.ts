/**
 * The component tests' side of the harness: builds tests/components/harness with Vite (the renderer's Svelte
 * plugin and Chromium 108 target), serves it to Debian's Chromium from memory (no server, no file:// module
 * quirks) and wraps `globalThis.__xedHarness` in typed calls.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll } from 'vitest'
import type { Locale } from '../../src-shared/i18n/localized'
import type { IpcEnvelope, RunView } from '../../src-shared/ipc/api-contract'
import { launchBrowser, type LaunchedBrowser } from '../support/chromium'
import type { ApiOutcome, HarnessCall, HarnessComponent, HarnessGlobal } from './harness/harness-api'

const HARNESS_ROOT = resolve(import.meta.dirname, 'harness')
const ORIGIN = 'http://components.test'
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

/** The harness page in Chromium, and typed calls into it. */
export interface Harness {
  readonly page: Page
  mount(component: HarnessComponent, props?: Record<string, unknown>, callbacks?: readonly string[]): Promise<void>
  update(props: Record<string, unknown>): Promise<void>
  setLocale(locale: Locale): Promise<void>
  showRun(view: RunView): Promise<void>
  answer(method: string, envelope: IpcEnvelope<unknown>, held?: boolean): Promise<void>
  release(method: string): Promise<void>
  calls(): Promise<HarnessCall[]>
  /** Waits (bounded by the page's timeout) until `count` calls named `name` were recorded; answers the last one's arguments. */
  waitForCall(name: string, count?: number): Promise<readonly unknown[]>
  apiMethods(): Promise<string[]>
  callApi(method: string, ...args: unknown[]): Promise<ApiOutcome>
  subscribe(method: string): Promise<void>
  unsubscribe(method: string): Promise<void>
  push(method: string, payload: unknown): Promise<void>
  close(): Promise<void>
}

/**
 * Registers the file's hooks: opens the harness before the file's tests (building it takes longer than the
 * default hook timeout) and closes it after them. Answers the open harness; calling it before the hooks ran throws.
 */
export function useHarness(): () => Harness {
  let harness: Harness | undefined
  beforeAll(async () => {
    harness = await openHarness()
  }, 120_000)
  afterAll(async () => {
    await harness?.close()
  })
  return () => {
    if (harness === undefined) throw new Error('the component harness is not open (useHarness() hooks have not run)')
    return harness
  }
}

/** Builds the harness once and opens it in a fresh Chromium. */
export async function openHarness(): Promise<Harness> {
  const outDir = mkdtempSync(join(tmpdir(), 'xed-components-'))
  await build({
    configFile: false,
    root: HARNESS_ROOT,
    base: './',
    plugins: [svelte()],
    build: { outDir, emptyOutDir: true, target: 'chrome108', modulePreload: { polyfill: false }, reportCompressedSize: false },
    logLevel: 'error',
  })
  let chromium: LaunchedBrowser | null = null
  try {
    chromium = await launchBrowser()
    const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 768 } })
    await context.route(`${ORIGIN}/**`, async (route) => {
      const path = normalize(new URL(route.request().url()).pathname).replace(/^[/\\]+/, '') || 'index.html'
      try {
        await route.fulfill({ body: readFileSync(join(outDir, path)), contentType: TYPES[extname(path)] ?? 'application/octet-stream' })
      } catch {
        await route.fulfill({ status: 404, body: '' })
      }
    })
    const page = await context.newPage()
    // A wait that fails says so well inside the test's own 30 s.
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${ORIGIN}/index.html`)
    await page.waitForFunction(() => '__xedHarness' in globalThis)
    const browser = chromium
    // Each call names the harness afresh inside the page: playwright sends a function's source, not its closure.
    return {
      page,
      mount: (component, props = {}, callbacks = []) =>
        page.evaluate(([c, p, cb]) => (globalThis as unknown as HarnessGlobal).__xedHarness.mount(c, p, cb), [component, props, [...callbacks]] as const),
      update: (props) => page.evaluate((p) => (globalThis as unknown as HarnessGlobal).__xedHarness.update(p), props),
      setLocale: (locale) => page.evaluate((l) => (globalThis as unknown as HarnessGlobal).__xedHarness.setLocale(l), locale),
      showRun: (view) => page.evaluate((v) => (globalThis as unknown as HarnessGlobal).__xedHarness.showRun(v as never), view as unknown as Record<string, unknown>),
      answer: (method, envelope, held = false) =>
        page.evaluate(([m, e, h]) => (globalThis as unknown as HarnessGlobal).__xedHarness.answer(m, e as never, h), [method, envelope as unknown, held] as const),
      release: (method) => page.evaluate((m) => (globalThis as unknown as HarnessGlobal).__xedHarness.release(m), method),
      calls: () => page.evaluate(() => [...(globalThis as unknown as HarnessGlobal).__xedHarness.calls]),
      async waitForCall(name, count = 1) {
        const handle = await page.waitForFunction(
          ([wanted, times]) => (globalThis as unknown as HarnessGlobal).__xedHarness.calls.filter((call) => call.name === wanted)[times - 1]?.args,
          [name, count] as const,
        )
        return (await handle.jsonValue()) as readonly unknown[]
      },
      apiMethods: () => page.evaluate(() => (globalThis as unknown as HarnessGlobal).__xedHarness.apiMethods()),
      subscribe: (method) => page.evaluate((m) => (globalThis as unknown as HarnessGlobal).__xedHarness.subscribe(m), method),
      unsubscribe: (method) => page.evaluate((m) => (globalThis as unknown as HarnessGlobal).__xedHarness.unsubscribe(m), method),
      push: (method, payload) => page.evaluate(([m, p]) => (globalThis as unknown as HarnessGlobal).__xedHarness.push(m, p), [method, payload] as const),
      callApi: (method, ...args) => page.evaluate(([m, rest]) => (globalThis as unknown as HarnessGlobal).__xedHarness.callApi(m, ...rest), [method, args] as const),
      async close() {
        if (errors.length > 0) console.error(`component harness page errors:\n${errors.join('\n')}`)
        await browser.close()
        rmSync(outDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await chromium?.close()
    rmSync(outDir, { recursive: true, force: true })
    throw error
  }
}
