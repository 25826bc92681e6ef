/** The window's security settings, checked against a stand-in for Electron (the binary is never loaded). */
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy'

const created: { options: Record<string, unknown>; handlers: Map<string, (...args: unknown[]) => void>; openHandler?: (d: { url: string }) => unknown; loaded?: string }[] = []
const sessionHooks: { headers?: (details: unknown, callback: (r: unknown) => void) => void; permission?: (...args: unknown[]) => void; check?: () => boolean } = {}
const openExternal = vi.fn(async () => undefined)

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const entry: (typeof created)[number] = { options, handlers: new Map() }
      created.push(entry)
      this.webContents = {
        on: (name: string, handler: (...args: unknown[]) => void) => void entry.handlers.set(name, handler),
        setWindowOpenHandler: (handler: (d: { url: string }) => unknown) => void (entry.openHandler = handler),
      }
      Object.assign(this, { once: () => undefined, loadFile: async (file: string) => void (entry.loaded = file) })
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: typeof sessionHooks.headers) => void (sessionHooks.headers = fn) },
        setPermissionRequestHandler: (fn: typeof sessionHooks.permission) => void (sessionHooks.permission = fn),
        setPermissionCheckHandler: (fn: typeof sessionHooks.check) => void (sessionHooks.check = fn),
      },
    },
  }
})

const { createMainWindow, hardenSession } = await import('../../src-main/electron/main-window')

describe('main window', () => {
  const window = (() => {
    createMainWindow({ preload: '/app/out/preload/preload.cjs', indexHtml: '/app/out/renderer/index.html' })
    return created[0]!
  })()

  it('isolates the page: context isolation, sandbox, no Node, web security', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/preload.cjs',
    })
    expect(window.loaded).toBe('/app/out/renderer/index.html')
  })

  it('blocks navigation away from the app, redirects and webviews', () => {
    const navigate = window.handlers.get('will-navigate')!
    const away = { preventDefault: vi.fn() }
    navigate(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const reload = { preventDefault: vi.fn() }
    navigate(reload, 'file:///app/out/renderer/index.html')
    expect(reload.preventDefault).not.toHaveBeenCalled()
    for (const name of ['will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      window.handlers.get(name)!(event)
      expect(event.preventDefault).toHaveBeenCalled()
    }
  })

  it('denies every new window and never hands a URL to the OS', () => {
    expect(window.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(window.openHandler!({ url: 'https://learn.microsoft.com/lync' })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('sends the CSP header and refuses every permission', () => {
    hardenSession()
    let response: unknown
    sessionHooks.headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (response = r))
    expect(response).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
    const callback = vi.fn()
    sessionHooks.permission!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(sessionHooks.check!()).toBe(false)
  })
})

describe('content security policy', () => {
  it('allows no inline script, eval or remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })

  it('is repeated in index.html (minus frame-ancestors, which a meta tag cannot carry)', () => {
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''))
  })
})
