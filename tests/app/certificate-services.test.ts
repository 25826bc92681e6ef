/**
 * The app's certificate preflight service: the file comes from the (fake) open dialog and is named by a token
 * afterwards, a wrong password is an answer the card can retry (not a failure), the password never appears in
 * an answer or an error, and the payload schema bounds what the renderer may send.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCertificateServices } from '../../src-main/app-services/certificate-services'
import { toIpcError } from '../../src-main/app-services/app-errors'
import { MACHINE_STORE_SCRIPT } from '../../src-main/certificates/machine-store-trust'
import type { PowerShellSession } from '../../src-main/powershell/powershell-session'
import { validatePayload } from '../../src-shared/ipc/payload-schemas'
import { createCertFactory, type CertFactory } from '../certificates/helpers/cert-factory'

const PASSWORD = 'Tr0ub4dor&3-edge'
let dir: string
let factory: CertFactory
let pfx: string
let leafOnly: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-cert-service-'))
  factory = createCertFactory(dir)
  const leaf = factory.leaf('edge', { san: 'DNS:sip.contoso.com,DNS:contoso.com', commonName: 'sip.contoso.com' })
  pfx = factory.pfx('edge', leaf, { password: PASSWORD, style: 'windows-legacy' })
  leafOnly = leaf.certFile
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('checkCertificate service', () => {
  it('picks the file in the dialog, then rechecks it by token with the right password', async () => {
    let dialogs = 0
    const services = createCertificateServices({ pickCertificatePath: async () => (dialogs++, pfx) })
    const first = await services.checkCertificate({ domains: ['contoso.com'] })
    expect(first?.fileName).toBe('edge.pfx')
    expect(first?.report).toBeNull()
    expect(first?.inputError?.code).toBe('wrong-password')
    expect(first?.inputError?.message['zh-TW']).toContain('密碼錯誤')

    const second = await services.checkCertificate({ domains: ['contoso.com'], fileToken: first!.fileToken, password: PASSWORD })
    expect(dialogs).toBe(1)
    expect(second?.inputError).toBeNull()
    expect(second?.report?.names.map((n) => [n.name, n.covered])).toEqual([['sip.contoso.com', true], ['contoso.com', true]])
    expect(second?.report?.rules.find((r) => r.id === 'private-key')?.status).toBe('pass')
    // The Preflight Test Root is nobody's public root: not ready, for the chain.
    expect(second?.report?.ready).toBe(false)
    expect(second?.report?.rules.find((r) => r.id === 'chain-trusted')?.status).toBe('fail')
    for (const answer of [first, second]) expect(JSON.stringify(answer)).not.toContain(PASSWORD)
  })

  it('a cancelled dialog answers null; an unknown token and a missing dialog are refusals with a message', async () => {
    expect(await createCertificateServices({ pickCertificatePath: async () => null }).checkCertificate({ domains: ['contoso.com'] })).toBeNull()
    const unknown = await createCertificateServices({ pickCertificatePath: async () => pfx })
      .checkCertificate({ domains: ['contoso.com'], fileToken: 'x'.repeat(43), password: PASSWORD })
      .catch((error: unknown) => toIpcError(error))
    expect(unknown).toMatchObject({ name: 'CertificateServiceError', localized: { en: expect.stringContaining('choose it again') } })
    const none = await createCertificateServices({}).checkCertificate({ domains: ['contoso.com'] }).catch((error: unknown) => toIpcError(error))
    expect(none).toMatchObject({ localized: { 'zh-TW': expect.stringContaining('檔案對話方塊') } })
  })

  it('on Windows it also trusts the machine store (read through the app\'s PowerShell session)', async () => {
    const pem = (file: string): string => readFileSync(file, 'latin1').replace(/-----[A-Z ]+-----|\s/g, '')
    const scripts: string[] = []
    const session: PowerShellSession = {
      invoke: async (script) => {
        scripts.push(script)
        return { stdout: `XED-STORE:Root:${pem(factory.rootFile)}\nXED-STORE:CA:${pem(factory.intermediateFile)}\nXED-STORE-END\n`, stderr: '', durationMs: 1 }
      },
      dispose: async () => undefined,
    }
    const services = createCertificateServices({ pickCertificatePath: async () => leafOnly, machineStore: { platform: 'win32', createSession: () => session } })
    const view = await services.checkCertificate({ domains: ['contoso.com'] })
    expect(scripts).toEqual([MACHINE_STORE_SCRIPT])
    expect(view?.report?.trust.windowsMachineStore).toBe('read')
    expect(view?.report?.rules.find((r) => r.id === 'chain-trusted')?.status).toBe('warn')
    const linux = await createCertificateServices({ pickCertificatePath: async () => leafOnly, machineStore: { platform: 'linux', createSession: () => session } }).checkCertificate({ domains: ['contoso.com'] })
    expect(linux?.report?.trust.windowsMachineStore).toBe('not-read')
    expect(scripts).toHaveLength(1)
  })

  it('the payload schema takes domains, a token and a bounded password, and never echoes the password', () => {
    expect(validatePayload('checkCertificate', { domains: ['contoso.com'], password: PASSWORD })).toEqual({ domains: ['contoso.com'], password: PASSWORD })
    const tooLong = 'p'.repeat(1025)
    let message = ''
    try {
      validatePayload('checkCertificate', { domains: ['contoso.com'], password: tooLong })
    } catch (error) {
      message = JSON.stringify(toIpcError(error))
    }
    expect(message).toContain('password')
    expect(message).not.toContain(tooLong)
    expect(() => validatePayload('checkCertificate', { domains: ['contoso.com'], path: '/etc/shadow' })).toThrow(/not an accepted field/)
    expect(() => validatePayload('checkCertificate', { domains: ['contoso.com; rm -rf /'] })).toThrow()
  })
})
