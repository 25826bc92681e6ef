/** The preflight rules on hand-set facts: the branches the openssl-made certificates of the CLI tests do not reach. */
import { describe, expect, it } from 'vitest'
import { judgeCertificate, type CertCheckInput } from '../../src-shared/certificates/cert-check-rules'
import { EKU, type CertificateFacts } from '../../src-shared/certificates/certificate-facts'

const NOW = new Date('2026-12-02T00:00:00Z')
const DAY = 24 * 60 * 60 * 1000

function facts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: 'CN=sip.contoso.com',
    issuer: 'CN=Issuing CA',
    selfIssued: false,
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + 365 * DAY),
    signature: { oid: '1.2.840.113549.1.1.11', name: 'sha256WithRSAEncryption', hash: 'sha256', isPss: false },
    publicKey: { kind: 'rsa', bits: 2048 },
    extendedKeyUsages: [EKU.serverAuth],
    hasCrlDistributionPoint: true,
    isCa: false,
    identifiers: { dnsNames: ['sip.contoso.com', 'contoso.com'], srvNames: [], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: ['sip.contoso.com'] },
    ...overrides,
  }
}

function judge(leaf: CertificateFacts, extra: Partial<CertCheckInput> = {}) {
  return judgeCertificate({
    leaf,
    intermediates: [],
    chain: { status: 'trusted', path: ['sip.contoso.com', 'Issuing CA', 'Root'], anchor: 'system' },
    names: [
      { name: 'sip.contoso.com', role: 'access-edge-fqdn', from: 'sip-default' },
      { name: 'contoso.com', role: 'xmpp-domain', from: 'domain' },
    ],
    privateKey: 'present',
    now: NOW,
    ...extra,
  })
}
const statusOf = (leaf: CertificateFacts, id: string, extra: Partial<CertCheckInput> = {}) => judge(leaf, extra).rules.find((r) => r.id === id)?.status

describe('judgeCertificate', () => {
  it('a good certificate is ready with every rule passing', () => {
    const verdict = judge(facts())
    expect(verdict.ready).toBe(true)
    expect(verdict.rules.every((r) => r.status === 'pass')).toBe(true)
  })

  it('SRV-ID and XmppAddr cover the XMPP domain too', () => {
    const identifiers = { dnsNames: ['sip.contoso.com'], srvNames: ['_xmpp-server.contoso.com'], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: [] }
    expect(judge(facts({ identifiers })).names.find((n) => n.name === 'contoso.com')).toMatchObject({ covered: true, by: 'srv-id' })
  })

  it('names only in the CN (no SAN at all) are a warning', () => {
    const identifiers = { dnsNames: [], srvNames: [], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: ['contoso.com'] }
    const verdict = judge(facts({ identifiers }), { names: [{ name: 'contoso.com', role: 'xmpp-domain', from: 'domain' }] })
    expect(verdict.rules.find((r) => r.id === 'names')?.status).toBe('warn')
  })

  it('EKU: absent or only anyExtendedKeyUsage warns', () => {
    expect(statusOf(facts({ extendedKeyUsages: null }), 'server-auth-eku')).toBe('warn')
    expect(statusOf(facts({ extendedKeyUsages: [EKU.any] }), 'server-auth-eku')).toBe('warn')
  })

  it('RSASSA-PSS fails (Lync 2013 does not support it); an unnamed algorithm warns', () => {
    expect(statusOf(facts({ signature: { oid: '1.2.840.113549.1.1.10', name: 'RSASSA-PSS', hash: null, isPss: true } }), 'signature-algorithm')).toBe('fail')
    expect(statusOf(facts({ signature: { oid: '1.3.101.112', name: 'Ed25519', hash: null, isPss: false } }), 'signature-algorithm')).toBe('warn')
  })

  it('a SHA-1 self-signed root in the path is not judged; a SHA-1 intermediate is', () => {
    const sha1 = { oid: '1.2.840.113549.1.1.5', name: 'sha1WithRSAEncryption', hash: 'sha1' as const, isPss: false }
    expect(statusOf(facts(), 'signature-algorithm', { intermediates: [facts({ subject: 'CN=Root', selfIssued: true, isCa: true, signature: sha1 })] })).toBe('pass')
    expect(statusOf(facts(), 'signature-algorithm', { intermediates: [facts({ subject: 'CN=Issuing CA', isCa: true, signature: sha1 })] })).toBe('warn')
  })

  it('keys: an unlisted curve and a non-RSA/EC key fail', () => {
    expect(statusOf(facts({ publicKey: { kind: 'ec', curve: null, curveOid: '1.3.132.0.10' } }), 'key-strength')).toBe('fail')
    expect(statusOf(facts({ publicKey: { kind: 'other', oid: '1.3.101.112' } }), 'key-strength')).toBe('fail')
  })

  it('validity: 30 days left passes, 29 fails', () => {
    expect(statusOf(facts({ notAfter: new Date(NOW.getTime() + 30 * DAY + 60_000) }), 'validity')).toBe('pass')
    expect(statusOf(facts({ notAfter: new Date(NOW.getTime() + 29 * DAY) }), 'validity')).toBe('fail')
  })

  it('a .cer skips private-key and stays ready', () => {
    const verdict = judge(facts(), { privateKey: 'not-in-format' })
    expect(verdict.rules.find((r) => r.id === 'private-key')?.status).toBe('skipped')
    expect(verdict.ready).toBe(true)
  })

  it('every rule names its source and speaks both languages', () => {
    for (const rule of judge(facts({ extendedKeyUsages: null })).rules) {
      expect(rule.source.length).toBeGreaterThan(10)
      expect(rule.summary['zh-TW']).not.toBe(rule.summary.en)
    }
  })
})
