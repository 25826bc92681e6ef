import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { X509Certificate } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readPkcs12, type Pkcs12Summary } from '../../src-shared/certificates/pkcs12-reader'
import { nodePkcs12Crypto } from '../../src-main/certificates/node-pkcs12-crypto'
import { createCertFactory, type CertFactory, type MadeLeaf } from './helpers/cert-factory'

let dir: string
let factory: CertFactory
let leaf: MadeLeaf

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-pkcs12-'))
  factory = createCertFactory(dir)
  leaf = factory.leaf('edge', { san: 'DNS:sip.contoso.com,DNS:contoso.com', commonName: 'sip.contoso.com' })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const open = (file: string, password: string): Pkcs12Summary => readPkcs12(readFileSync(file), password, nodePkcs12Crypto)
const subjects = (summary: Pkcs12Summary): string[] => summary.certificates.map((c) => new X509Certificate(c.der).subject)

describe('readPkcs12 on PFX files made by openssl pkcs12 -export', () => {
  it('Windows Server 2008 R2–2012 R2 style (RC2-40 certificates, 3DES key, SHA-1 MAC): certificates and key found', () => {
    const summary = open(factory.pfx('windows', leaf, { password: 'P@ss w0rd', style: 'windows-legacy' }), 'P@ss w0rd')
    expect(subjects(summary)).toEqual(['CN=sip.contoso.com', 'CN=Preflight Test Issuing CA'])
    expect(summary.keys).toHaveLength(1)
    expect(summary.keys[0]?.kind).toBe('shrouded-key')
    // The key bag and the leaf's cert bag share a localKeyId: that is how the leaf is told apart from the chain.
    expect(summary.certificates[0]?.localKeyId).toBe(summary.keys[0]?.localKeyId)
    expect(summary.integrity).toBe('mac-verified')
    expect(summary.encryption).toEqual(['pbeWithSHAAnd40BitRC2-CBC', 'key: pbeWithSHAAnd3-KeyTripleDES-CBC'])
  })

  it('OpenSSL 3 default (PBES2, AES-256, SHA-256 MAC)', () => {
    const summary = open(factory.pfx('aes', leaf, { password: 'Secret1', style: 'openssl-default' }), 'Secret1')
    expect(subjects(summary)).toEqual(['CN=sip.contoso.com', 'CN=Preflight Test Issuing CA'])
    expect(summary.keys).toHaveLength(1)
    expect(summary.encryption[0]).toBe('PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)')
  })

  it('-nokeys: the certificates, and no key', () => {
    const summary = open(factory.pfx('nokey', leaf, { password: 'Secret1', style: 'windows-legacy', withKey: false }), 'Secret1')
    expect(subjects(summary)).toContain('CN=sip.contoso.com')
    expect(summary.keys).toEqual([])
  })

  it('an empty password (as an export without one writes it)', () => {
    expect(open(factory.pfx('empty', leaf, { password: '', style: 'openssl-default' }), '').keys).toHaveLength(1)
  })

  it('a wrong password is said as such, for both styles', () => {
    const windows = factory.pfx('windows2', leaf, { password: 'right', style: 'windows-legacy' })
    const aes = factory.pfx('aes2', leaf, { password: 'right', style: 'openssl-default' })
    for (const file of [windows, aes]) {
      expect(() => open(file, 'wrong')).toThrow(expect.objectContaining({ name: 'Pkcs12Error', code: 'wrong-password' }))
      expect(() => open(file, '')).toThrow(expect.objectContaining({ code: 'wrong-password' }))
    }
  })

  it('truncated, garbage and PEM input are malformed, never a crash or a hang', () => {
    const bytes = readFileSync(factory.pfx('cut', leaf, { password: 'x', style: 'windows-legacy' }))
    for (const cut of [1, 2, 10, 100, bytes.length - 1]) {
      expect(() => readPkcs12(bytes.subarray(0, cut), 'x', nodePkcs12Crypto)).toThrow(expect.objectContaining({ code: 'malformed' }))
    }
    expect(() => readPkcs12(new Uint8Array(64).fill(0x30), 'x', nodePkcs12Crypto)).toThrow(expect.objectContaining({ code: 'malformed' }))
    expect(() => readPkcs12(readFileSync(leaf.certFile), 'x', nodePkcs12Crypto)).toThrow(expect.objectContaining({ code: 'malformed' }))
  })

  it('an implausible iteration count is refused before any work, even when the MAC is cheap', () => {
    // openssl itself spends the 1,000,001 PBKDF2 rounds to write the file; the reader refuses to.
    const file = join(dir, 'slow.pfx')
    execFileSync('openssl', ['pkcs12', '-export', '-in', leaf.certFile, '-nokeys', '-iter', '1000001', '-nomaciter', '-out', file, '-passout', 'pass:x'], { timeout: 60_000 })
    expect(() => open(file, 'x')).toThrow(expect.objectContaining({ code: 'malformed', message: expect.stringContaining('implausible iteration count') }))
  })

  it('flipped bytes in the middle of the file: the MAC catches them (wrong password or malformed, never garbage)', () => {
    const bytes = Uint8Array.from(readFileSync(factory.pfx('flip', leaf, { password: 'x', style: 'windows-legacy' })))
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff
    expect(() => readPkcs12(bytes, 'x', nodePkcs12Crypto)).toThrow(expect.objectContaining({ name: 'Pkcs12Error' }))
  })
})
