/** The main process's IPC door: sender checks and payload validation before any service runs. */
import { describe, expect, it, vi } from 'vitest'
import { pathToFileURL } from 'node:url'
import { INVOKE_CHANNELS, INVOKE_METHODS, type IpcEnvelope } from '../../src-shared/ipc/api-contract'
import type { AppServices } from '../../src-main/app-services/app-services'
import { registerIpcHandlers, UNTRUSTED_SENDER } from '../../src-main/electron/ipc-handlers'
import { isTrustedSender } from '../../src-main/electron/trusted-sender'
import { EvidenceInputError } from '../../src-main/evidence-io/evidence-input-error'
import { text } from '../../src-shared/i18n/localized'

// Nothing here may load the real Electron binary.
vi.mock('electron', () => ({}))

const INDEX = '/opt/xmpp-edge-doctor/resources/app.asar/out/renderer/index.html'
const OUR_URL = pathToFileURL(INDEX).href

type Handler = (event: unknown, ...args: unknown[]) => Promise<IpcEnvelope<unknown>>

function setUp() {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) }
  const calls: string[] = []
  const services = Object.fromEntries(
    INVOKE_METHODS.map((method) => [method, vi.fn(async () => {
      calls.push(method)
      return 'done'
    })]),
  ) as unknown as AppServices
  registerIpcHandlers(ipcMain as never, services, INDEX)
  const invoke = (channel: string, frame: unknown, ...args: unknown[]) => handlers.get(channel)!({ senderFrame: frame }, ...args)
  return { handlers, calls, invoke }
}

const topFrame = (url: string) => ({ url, parent: null })

describe('IPC handlers', () => {
  it('registers exactly one handler per invoke channel', () => {
    const { handlers } = setUp()
    expect([...handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort())
  })

  it('answers our own page with the service result in an envelope', async () => {
    const { invoke, calls } = setUp()
    await expect(invoke('run:scenario', topFrame(OUR_URL), { runId: 'run-0123456789', name: 'healthy-edge' })).resolves.toEqual({ ok: true, value: 'done' })
    await expect(invoke('app:info', topFrame(`${OUR_URL}#/history`))).resolves.toEqual({ ok: true, value: 'done' })
    expect(calls).toEqual(['runScenario', 'getAppInfo'])
  })

  it.each([
    ['a remote page', topFrame('https://evil.example/index.html')],
    ['another local file', topFrame(pathToFileURL('/tmp/evil/index.html').href)],
    ['a file on another host (UNC)', topFrame('file://evil-host/opt/xmpp-edge-doctor/resources/app.asar/out/renderer/index.html')],
    ['a sub-frame of our page', { url: OUR_URL, parent: {} }],
    ['a destroyed frame', null],
    ['a data: URL', topFrame('data:text/html,<script>1</script>')],
  ])('refuses %s and runs nothing', async (_what, frame) => {
    const { invoke, calls } = setUp()
    await expect(invoke('run:scenario', frame, { runId: 'run-0123456789', name: 'healthy-edge' })).resolves.toEqual(UNTRUSTED_SENDER)
    await expect(invoke('action:run', frame, { token: 'a'.repeat(43) })).resolves.toEqual(UNTRUSTED_SENDER)
    expect(calls).toEqual([])
  })

  it('rejects bad payloads from our own page without calling the service', async () => {
    const { invoke, calls } = setUp()
    const results = await Promise.all([
      invoke('run:probe', topFrame(OUR_URL), { runId: 'run-0123456789', domain: 'a.com & calc.exe' }),
      invoke('run:scenario', topFrame(OUR_URL), { runId: 'run-0123456789', name: 'healthy-edge', extra: true }),
      invoke('history:open', topFrame(OUR_URL), { sessionId: -1 }),
      invoke('app:info', topFrame(OUR_URL), { unexpected: 1 }),
      invoke('run:cancel', topFrame(OUR_URL), { runId: 'run-0123456789' }, 'second argument'),
    ])
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { name: 'PayloadError' } })
      expect(result.ok ? null : result.error.localized?.['zh-TW']).toBeTruthy()
    }
    expect(calls).toEqual([])
  })

  it('turns a service failure into an error envelope with the localized message', async () => {
    const handlers = new Map<string, Handler>()
    const failing = Object.fromEntries(INVOKE_METHODS.map((m) => [m, async () => {
      throw new EvidenceInputError('not-found', text('Nothing exists at x.', 'x 不存在。'))
    }])) as unknown as AppServices
    registerIpcHandlers({ handle: (c: string, h: Handler) => void handlers.set(c, h) } as never, failing, INDEX)
    const result = await handlers.get('scenarios:list')!({ senderFrame: topFrame(OUR_URL) })
    expect(result).toEqual({ ok: false, error: { name: 'EvidenceInputError', message: 'Nothing exists at x.', localized: { en: 'Nothing exists at x.', 'zh-TW': 'x 不存在。' } } })
  })
})

describe('isTrustedSender', () => {
  it('accepts only the top frame showing our index.html', () => {
    expect(isTrustedSender(topFrame(OUR_URL), INDEX)).toBe(true)
    expect(isTrustedSender(topFrame(`${OUR_URL}?x=1`), INDEX)).toBe(true)
    expect(isTrustedSender(topFrame(pathToFileURL(INDEX.replace('index.html', 'other.html')).href), INDEX)).toBe(false)
    expect(isTrustedSender(topFrame('not a url'), INDEX)).toBe(false)
    expect(isTrustedSender(undefined, INDEX)).toBe(false)
  })

  it('compares Windows paths without regard to case, and still refuses other files', () => {
    const windowsIndex = 'C:\\Users\\admin\\AppData\\Local\\Programs\\XMPP Edge Doctor\\resources\\app.asar\\out\\renderer\\index.html'
    const url = 'file:///c:/Users/admin/AppData/Local/Programs/XMPP%20Edge%20Doctor/resources/app.asar/out/renderer/index.html'
    expect(isTrustedSender(topFrame(url), windowsIndex, 'win32')).toBe(true)
    expect(isTrustedSender(topFrame(url.replace('index.html', 'evil.html')), windowsIndex, 'win32')).toBe(false)
    expect(isTrustedSender(topFrame('file://attacker/share/index.html'), windowsIndex, 'win32')).toBe(false)
  })
})
