/**
 * `cert-check` through the CLI entry point, on certificates and PFX files made by the real openssl: one test per
 * rule outcome, the evidence's Access Edge FQDN, the password only from an environment variable, and bad input
 * (wrong password, truncated, oversized, not a certificate) as exit 2 with one clear line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { createCertFactory, type CertFactory, type MadeLeaf } from '../certificates/helpers/cert-factory'

const DAY = 24 * 60 * 60 * 1000
const GOOD_SAN = 'DNS:sip.contoso.com,DNS:contoso.com'

let dir: string
let factory: CertFactory
let good: MadeLeaf

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
    return { code, stdout, stderr }
  } finally {
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
}

interface JsonRule {
  id: string
  status: string
  summary: { en: string; 'zh-TW': string }
  source: string
}
async function json(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; report: { ready: boolean; rules: JsonRule[]; names: { name: string; covered: boolean; from: string; role: string }[] } & Record<string, unknown> }> {
  const result = await run([...argv, '--json'], env)
  return { code: result.code, report: JSON.parse(result.stdout) }
}
const status = (rules: JsonRule[], id: string): string | undefined => rules.find((r) => r.id === id)?.status

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-cert-check-'))
  factory = createCertFactory(dir)
  good = factory.leaf('good', { san: GOOD_SAN, commonName: 'sip.contoso.com' })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cert-check: a certificate ready to assign', () => {
  it('Windows-style PFX with its chain and key: every rule passes but trust (only through --ca-file); exit 0, JSON shape', async () => {
    const pfx = factory.pfx('good-win', good, { password: 'S3cret!', style: 'windows-legacy' })
    const { code, report } = await json(['cert-check', pfx, '--domain', 'contoso.com', '--ca-file', factory.rootFile, '--password-env', 'EDGE_PFX'], { EDGE_PFX: 'S3cret!' })
    expect(code).toBe(0)
    expect(report).toMatchObject({ format: 'xmpp-edge-doctor/cert-check', version: 1, ready: true, fileFormat: 'pfx' })
    expect(report.rules.map((r) => r.id)).toEqual(['names', 'server-auth-eku', 'key-strength', 'validity', 'signature-algorithm', 'chain-trusted', 'private-key', 'crl-distribution-point'])
    for (const rule of report.rules) {
      expect(rule.summary.en).not.toBe('')
      expect(rule.summary['zh-TW']).not.toBe('')
      expect(rule.source).not.toBe('')
    }
    expect(report.rules.filter((r) => r.status !== 'pass').map((r) => [r.id, r.status])).toEqual([['chain-trusted', 'warn']])
    expect(report.names).toEqual([
      expect.objectContaining({ name: 'sip.contoso.com', role: 'access-edge-fqdn', from: 'sip-default', covered: true }),
      expect.objectContaining({ name: 'contoso.com', role: 'xmpp-domain', covered: true }),
    ])
    expect(report.pfx).toEqual({ integrity: 'mac-verified', encryption: ['pbeWithSHAAnd40BitRC2-CBC', 'key: pbeWithSHAAnd3-KeyTripleDES-CBC'] })
  })

  it('the human view names each name and rule with its source, in zh-TW too', async () => {
    const en = await run(['cert-check', good.chainFile, '--domain', 'contoso.com', '--ca-file', factory.rootFile, '--lang', 'en'])
    expect(en.code).toBe(0)
    expect(en.stdout).toContain('✓ sip.contoso.com (Access Edge external FQDN')
    expect(en.stdout).toContain('source: Lync Server 2013 certificate infrastructure requirements')
    expect(en.stdout).toContain('READY')
    const zh = await run(['cert-check', good.chainFile, '--domain', 'contoso.com', '--ca-file', factory.rootFile, '--lang', 'zh-TW'])
    expect(zh.stdout).toContain('Edge 需要的名稱：')
    expect(zh.stdout).toContain('可以指派')
  })
})

describe('cert-check: each problem fails its own rule (exit 1)', () => {
  const check = async (leaf: MadeLeaf, extra: string[] = []) => json(['cert-check', leaf.chainFile, '--domain', 'contoso.com', '--ca-file', factory.rootFile, ...extra])

  it('a SAN without the bare XMPP domain: names fail, each name reported', async () => {
    const { code, report } = await check(factory.leaf('no-bare', { san: 'DNS:sip.contoso.com', commonName: 'sip.contoso.com' }))
    expect(code).toBe(1)
    expect(status(report.rules, 'names')).toBe('fail')
    expect(report.names.map((n) => [n.name, n.covered])).toEqual([['sip.contoso.com', true], ['contoso.com', false]])
    expect(report.rules.find((r) => r.id === 'names')?.summary.en).toContain('contoso.com')
  })

  it('a wildcard does not cover the bare domain (RFC 6125)', async () => {
    const { report } = await check(factory.leaf('wild', { san: 'DNS:*.contoso.com', commonName: '*.contoso.com' }))
    expect(report.names.map((n) => [n.name, n.covered])).toEqual([['sip.contoso.com', true], ['contoso.com', false]])
  })

  it('client authentication only: server-auth-eku fails', async () => {
    const { code, report } = await check(factory.leaf('client-only', { san: GOOD_SAN, eku: 'clientAuth' }))
    expect(code).toBe(1)
    expect(status(report.rules, 'server-auth-eku')).toBe('fail')
  })

  it('server and client authentication: passes and says client auth is there', async () => {
    const { report } = await check(factory.leaf('both-eku', { san: GOOD_SAN, eku: 'serverAuth,clientAuth' }))
    const eku = report.rules.find((r) => r.id === 'server-auth-eku')
    expect(eku?.status).toBe('pass')
    expect(eku?.summary.en).toContain('Client authentication is also present')
  })

  it('RSA 1024 fails key-strength; ECDSA P-256 is a warning, not a failure', async () => {
    expect(status((await check(factory.leaf('rsa1024', { san: GOOD_SAN, key: 'rsa:1024' }))).report.rules, 'key-strength')).toBe('fail')
    const ec = await check(factory.leaf('ec', { san: GOOD_SAN, key: 'ec' }))
    expect(status(ec.report.rules, 'key-strength')).toBe('warn')
    expect(ec.code).toBe(0)
  })

  it('expiring within 30 days, expired, and not yet valid all fail validity', async () => {
    const soon = await check(factory.leaf('soon', { san: GOOD_SAN, notAfter: new Date(Date.now() + 10 * DAY) }))
    expect(status(soon.report.rules, 'validity')).toBe('fail')
    expect(soon.report.rules.find((r) => r.id === 'validity')?.summary.en).toMatch(/Expires in (9|10) days/)
    const expired = await check(factory.leaf('expired', { san: GOOD_SAN, notBefore: new Date(Date.now() - 40 * DAY), notAfter: new Date(Date.now() - DAY) }))
    expect(expired.report.rules.find((r) => r.id === 'validity')?.summary.en).toContain('Expired on')
    const future = await check(factory.leaf('future', { san: GOOD_SAN, notBefore: new Date(Date.now() + 2 * DAY), notAfter: new Date(Date.now() + 45 * DAY) }))
    expect(future.report.rules.find((r) => r.id === 'validity')?.summary.en).toContain('Not valid yet')
    expect(future.code).toBe(1)
  })

  it('a SHA-1 signed leaf fails; a SHA-1 intermediate above a SHA-256 leaf is a warning', async () => {
    expect(status((await check(factory.leaf('sha1', { san: GOOD_SAN, md: 'sha1' }))).report.rules, 'signature-algorithm')).toBe('fail')
    const otherDir = mkdtempSync(join(tmpdir(), 'xed-cert-check-sha1-'))
    try {
      const sha1Ca = createCertFactory(otherDir, { intermediateMd: 'sha1' })
      const leaf = sha1Ca.leaf('under-sha1', { san: GOOD_SAN })
      const { report } = await json(['cert-check', leaf.chainFile, '--domain', 'contoso.com', '--ca-file', sha1Ca.rootFile])
      const rule = report.rules.find((r) => r.id === 'signature-algorithm')
      expect(rule?.status).toBe('warn')
      expect(rule?.summary.en).toContain('Preflight Test Issuing CA')
    } finally {
      rmSync(otherDir, { recursive: true, force: true })
    }
  })

  it('chain: no intermediate in the file fails; an unknown root fails; self-signed fails', async () => {
    const leafOnly = await json(['cert-check', good.certFile, '--domain', 'contoso.com', '--ca-file', factory.rootFile])
    expect(status(leafOnly.report.rules, 'chain-trusted')).toBe('fail')
    expect(leafOnly.report.rules.find((r) => r.id === 'chain-trusted')?.summary.en).toContain('Preflight Test Issuing CA')
    expect(status((await json(['cert-check', good.chainFile, '--domain', 'contoso.com'])).report.rules, 'chain-trusted')).toBe('fail')
    const self = await check(factory.leaf('self', { san: GOOD_SAN, issuer: 'self' }))
    expect(self.report.rules.find((r) => r.id === 'chain-trusted')?.summary.en).toContain('Self-signed')
  })

  it('a PFX without the key fails private-key; a .cer (DER) skips it', async () => {
    const noKey = factory.pfx('nokey', good, { password: 'pw', style: 'windows-legacy', withKey: false })
    const { code, report } = await json(['cert-check', noKey, '--domain', 'contoso.com', '--ca-file', factory.rootFile, '--password-env', 'PFX_PW'], { PFX_PW: 'pw' })
    expect(code).toBe(1)
    expect(status(report.rules, 'private-key')).toBe('fail')
    const cer = join(dir, 'good.cer')
    const pem = readFileSync(good.certFile, 'latin1')
    writeFileSync(cer, Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'))
    const der = await json(['cert-check', cer, '--domain', 'contoso.com'])
    expect(der.report.fileFormat).toBe('der')
    expect(status(der.report.rules, 'private-key')).toBe('skipped')
  })

  it('no CRL distribution point is a warning (Lync asks for one)', async () => {
    expect(status((await check(factory.leaf('no-cdp', { san: GOOD_SAN, crlDistributionPoint: false }))).report.rules, 'crl-distribution-point')).toBe('warn')
  })
})

describe('cert-check: names from the evidence', () => {
  it('uses the topology Access Edge external FQDN (Get-CsService -EdgeServer), not sip.<domain>', async () => {
    const evidence = join(dir, 'evidence')
    cpSync('tests/scenarios/healthy-edge', evidence, { recursive: true })
    // The collector writes this file from Windows PowerShell 5.1: UTF-16LE with a BOM.
    const edgeServices = join(evidence, 'edge-services.json')
    const original = readFileSync(edgeServices).toString('utf16le').replace(/^\uFEFF/, '')
    writeFileSync(edgeServices, Buffer.from(`\uFEFF${original.replace('"sip.contoso.com"', '"access.contoso.com"')}`, 'utf16le'))
    const { code, report } = await json(['cert-check', good.chainFile, '--evidence', evidence, '--ca-file', factory.rootFile])
    expect(report.names).toEqual([
      expect.objectContaining({ name: 'access.contoso.com', role: 'access-edge-fqdn', from: 'evidence', covered: false }),
      expect.objectContaining({ name: 'contoso.com', role: 'xmpp-domain', covered: true }),
    ])
    expect(code).toBe(1)
  })
})

describe('cert-check: names from evidence of several Edge pools', () => {
  it('asks for this Edge pool\'s Access Edge name only, not the other pool\'s', async () => {
    const evidence = join(dir, 'evidence-two-pools')
    cpSync('tests/scenarios/second-edge-pool-healthy', evidence, { recursive: true })
    const { report } = await json(['cert-check', good.chainFile, '--evidence', evidence, '--ca-file', factory.rootFile])
    expect(report.names.map((n) => n.name)).toEqual(['sip.contoso.com', 'contoso.com'])
  })
})

describe('cert-check: bad input is exit 2 with one clear line', () => {
  it('a wrong password (both PFX styles), and no password at all', async () => {
    for (const style of ['windows-legacy', 'openssl-default'] as const) {
      const pfx = factory.pfx(`pw-${style}`, good, { password: 'right', style })
      const wrong = await run(['cert-check', pfx, '--domain', 'contoso.com', '--password-env', 'PFX_PW'], { PFX_PW: 'wrong' })
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toContain('wrong or missing password')
      expect(wrong.stderr).not.toContain('wrong\n')
      expect((await run(['cert-check', pfx, '--domain', 'contoso.com'])).code).toBe(2)
    }
  })

  it('the password is never taken from the command line, and the variable must exist', async () => {
    const pfx = factory.pfx('argv', good, { password: 'right', style: 'windows-legacy' })
    const argv = await run(['cert-check', pfx, '--domain', 'contoso.com', '--password', 'right'])
    expect(argv.code).toBe(2)
    expect(argv.stderr).toContain('environment variable')
    const unset = await run(['cert-check', pfx, '--domain', 'contoso.com', '--password-env', 'XED_SURELY_UNSET_VAR'])
    expect(unset.code).toBe(2)
    expect(unset.stderr).toContain('not set')
    expect((await run(['cert-check', pfx, '--domain', 'contoso.com', '--password-env', 'A B'])).code).toBe(2)
  })

  it('truncated, oversized, empty, a directory, a key alone, and no --domain', async () => {
    const pfx = readFileSync(factory.pfx('cut', good, { password: 'x', style: 'windows-legacy' }))
    const cut = join(dir, 'cut-short.pfx')
    writeFileSync(cut, pfx.subarray(0, 700))
    const big = join(dir, 'big.pfx')
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x30))
    const empty = join(dir, 'empty.pfx')
    writeFileSync(empty, '')
    for (const [file, message] of [[cut, 'neither a certificate'], [big, 'at most 1 MiB'], [empty, 'empty'], [dir, 'not a regular file'], [good.keyFile, 'no "-----BEGIN CERTIFICATE-----"']] as const) {
      const result = await run(['cert-check', file, '--domain', 'contoso.com', '--password-env', 'PFX_PW'], { PFX_PW: 'x' })
      expect(result.code, file).toBe(2)
      expect(result.stderr, file).toContain(message)
      expect(result.stderr.trim().split('\n'), file).toHaveLength(1)
    }
    expect((await run(['cert-check', good.chainFile])).code).toBe(2)
    expect((await run(['cert-check', good.chainFile, '--domain', 'bad domain'])).code).toBe(2)
  })
})
