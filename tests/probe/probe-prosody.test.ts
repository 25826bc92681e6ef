/**
 * The probe against a real Prosody (Debian package) with test-made certificates, found through a real
 * dnsmasq: healthy, wrong name, expired, TLS disabled, TLS required, self-signed, XmppAddr-only, and a
 * domain the server does not host. Everything runs on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeDomain } from '../../src-main/probe/probe-domain'
import { runProbeCommand } from '../../src-main/cli/commands/probe-command'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { compareCertificateWithEvidence } from '../../src-shared/diagnostics/probe/probe-evidence-compare'
import { startDnsmasq, type RunningDnsmasq } from './helpers/dnsmasq-server'
import { startProsody, type ProsodyHost, type RunningProsody } from './helpers/prosody-server'
import { createTestPki, type TestPki } from './helpers/test-certificates'
import { partnerEntry, probeContext } from './helpers/probe-context'

const SRV_ID = 'otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server'
const XMPP_ADDR = 'otherName:1.3.6.1.5.5.7.8.5;UTF8'
const DAY = 24 * 60 * 60 * 1000

let dir: string
let pki: TestPki
let prosody: RunningProsody
let dns: RunningDnsmasq
const certificateFiles = new Map<string, string>()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'probe-prosody-'))
  pki = createTestPki(dir)
  const issue = (domain: string, san: string | null, dates: { notBefore?: Date; notAfter?: Date } = {}): ProsodyHost => {
    const issued = pki.issue(domain, { san, ...dates })
    certificateFiles.set(domain, issued.certFile)
    return { domain, ...issued }
  }
  const selfSigned = pki.selfSigned('selfsigned.test', 'DNS:selfsigned.test')
  const hosts: ProsodyHost[] = [
    issue('healthy.test', `DNS:healthy.test,${SRV_ID}.healthy.test`),
    issue('wrongname.test', 'DNS:other.test,DNS:xmpp.wrongname.test'),
    issue('expired.test', 'DNS:expired.test', { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 35 * DAY) }),
    { ...issue('notls.test', 'DNS:notls.test'), allowTls: false },
    { ...issue('requiretls.test', 'DNS:requiretls.test'), requireTls: true },
    issue('xmppaddr.test', `${XMPP_ADDR}:xmppaddr.test`),
    { domain: 'selfsigned.test', ...selfSigned },
  ]
  prosody = await startProsody(dir, hosts)
  const domains = [...hosts.map((h) => h.domain), 'unhosted.test']
  dns = await startDnsmasq({
    srv: domains.map((domain) => ({ name: `_xmpp-server._tcp.${domain}`, target: `xmpp.${domain}`, port: prosody.port, priority: 0, weight: 5 })),
    hosts: Object.fromEntries(domains.map((domain) => [`xmpp.${domain}`, ['127.0.0.1']])),
  })
}, 60_000)

afterAll(async () => {
  await dns?.stop()
  await prosody?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function probe(domain: string, trustTestCa = true): Promise<DomainProbeReport> {
  return probeDomain(domain, {
    from: 'probe.test',
    dnsServers: [dns.server],
    caFiles: trustTestCa ? [pki.caFile] : [],
    stepTimeoutMs: 3_000,
  })
}

function statusById(results: readonly CheckResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.id, r.status]))
}

function check(results: readonly CheckResult[], id: string): CheckResult {
  const found = results.find((r) => r.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return found
}

describe('probe against a real Prosody', () => {
  it('healthy.test: every step works and every check passes', async () => {
    const report = await probe('healthy.test')
    const [target] = report.targets
    expect(report.dns.srv.records).toEqual([
      { service: 'xmpp-server', target: 'xmpp.healthy.test', port: prosody.port, priority: 0, weight: 5 },
    ])
    expect(report.dns.fallbackUsed).toBe(false)
    expect(target?.streamHeader).toMatchObject({ from: 'healthy.test', version: '1.0', namespace: 'jabber:server' })
    expect(target?.featuresBeforeTls).toMatchObject({ starttls: true, starttlsRequired: false, dialback: true })
    expect(target?.starttls).toBe('proceed')
    expect(target?.tls?.version).toMatch(/^TLSv1\.[23]$/)
    expect(target?.tls?.authorized).toBe(true)
    expect(target?.tls?.peerCertificate?.identifiers.srvNames).toEqual(['_xmpp-server.healthy.test'])
    expect(target?.featuresAfterTls?.dialback).toBe(true)
    expect(target?.failure).toBeNull()
    const results = evaluateProbeChecks([report], probeContext())
    expect(statusById(results)).toEqual({
      's2s-dns-srv': 'pass',
      's2s-target-resolves': 'pass',
      's2s-port-reachable': 'pass',
      's2s-stream-opens': 'pass',
      's2s-starttls-offered': 'pass',
      's2s-certificate-names': 'pass',
      's2s-certificate-trusted': 'pass',
      's2s-certificate-not-expiring': 'pass',
      's2s-auth-available': 'pass',
    })
    expect(check(results, 's2s-certificate-names').summary.en).toContain('srv-id')
  })

  it('wrongname.test: the certificate does not name the domain (only the SRV target host)', async () => {
    const results = evaluateProbeChecks([await probe('wrongname.test')], probeContext())
    const names = check(results, 's2s-certificate-names')
    expect(names.status).toBe('fail')
    expect(names.reason).toBe('certificate-name-mismatch')
    expect(names.summary.en).toContain('DNS:other.test')
    expect(names.summary.en).toContain('SRV target host')
    expect(names.fix?.runOn).toBe('partner')
    expect(check(results, 's2s-certificate-trusted').status).toBe('pass')
  })

  it('wrongname.test as our own domain: the fix is a new Edge certificate naming the domain', async () => {
    const results = evaluateProbeChecks([await probe('wrongname.test')], probeContext({ ours: ['wrongname.test'], edgeFqdn: 'sip.wrongname.test' }))
    const fix = check(results, 's2s-certificate-names').fix
    expect(fix?.runOn).toBe('edge')
    expect(fix?.commands[0]).toBe(
      "Request-CsCertificate -New -Type AccessEdgeExternal -Output 'C:\\edge-external.req' -DomainName 'sip.wrongname.test,wrongname.test'",
    )
  })

  it('expired.test: expiry fails; the chain itself still leads to the trusted test CA', async () => {
    const report = await probe('expired.test')
    expect(report.targets[0]?.tls?.authorizationError).toBe('CERT_HAS_EXPIRED')
    expect(report.targets[0]?.tls?.chainEndsInTrustedRoot).toBe(true)
    const results = evaluateProbeChecks([report], probeContext())
    expect(check(results, 's2s-certificate-not-expiring')).toMatchObject({ status: 'fail', reason: 'certificate-expired' })
    expect(check(results, 's2s-certificate-trusted').status).toBe('pass')
    expect(check(results, 's2s-certificate-names').status).toBe('pass')
  })

  it('expired.test without the test CA: trust fails too, and says the chain leads nowhere trusted', async () => {
    const results = evaluateProbeChecks([await probe('expired.test', false)], probeContext())
    expect(check(results, 's2s-certificate-trusted')).toMatchObject({ status: 'fail', reason: 'certificate-untrusted' })
  })

  it('notls.test: no STARTTLS; with our partner entry at TlsNegotiation=Required that is the root cause, with the fix', async () => {
    const report = await probe('notls.test')
    expect(report.targets[0]?.featuresBeforeTls).toMatchObject({ starttls: false, dialback: true })
    expect(report.targets[0]?.starttls).toBe('not-offered')
    expect(report.targets[0]?.tls).toBeNull()
    const results = evaluateProbeChecks([report], probeContext({ partners: [partnerEntry('notls.test', { tlsNegotiation: 'Required', saslNegotiation: 'NotSupported' })] }))
    const starttls = check(results, 's2s-starttls-offered')
    expect(starttls.status).toBe('fail')
    expect(starttls.reason).toBe('starttls-not-offered-entry-requires-tls')
    expect(starttls.summary.en).toContain('TlsNegotiation=Required')
    expect(starttls.fix?.commands[0]).toBe('Set-CsXmppAllowedPartner -Identity notls.test -TlsNegotiation Optional')
    expect(starttls.evidence.some((e) => e.source === 'xmpp-partners.json')).toBe(true)
    expect(check(results, 's2s-certificate-names').status).toBe('skipped')
    expect(check(results, 's2s-auth-available').status).toBe('pass')
    const firstFailing = results.find((r) => r.status === 'fail')
    expect(firstFailing?.id).toBe('s2s-starttls-offered')
  })

  it('notls.test with TlsNegotiation=Optional: only a warning (unencrypted)', async () => {
    const results = evaluateProbeChecks([await probe('notls.test')], probeContext({ partners: [partnerEntry('notls.test', { tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported' })] }))
    expect(check(results, 's2s-starttls-offered')).toMatchObject({ status: 'warn', reason: 'starttls-not-offered-allowed' })
  })

  it('requiretls.test: STARTTLS offered as required; our entry with TlsNegotiation=NotSupported fails', async () => {
    const report = await probe('requiretls.test')
    expect(report.targets[0]?.featuresBeforeTls).toMatchObject({ starttls: true, starttlsRequired: true })
    expect(check(evaluateProbeChecks([report], probeContext()), 's2s-starttls-offered').status).toBe('pass')
    const withEntry = evaluateProbeChecks(
      [report],
      probeContext({ partners: [partnerEntry('requiretls.test', { tlsNegotiation: 'NotSupported', saslNegotiation: 'NotSupported' })] }),
    )
    expect(check(withEntry, 's2s-starttls-offered')).toMatchObject({ status: 'fail', reason: 'partner-requires-tls-entry-not-supported' })
  })

  it('selfsigned.test: the chain is not trusted', async () => {
    const report = await probe('selfsigned.test')
    expect(report.targets[0]?.tls?.authorizationError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(check(evaluateProbeChecks([report], probeContext()), 's2s-certificate-trusted')).toMatchObject({
      status: 'fail',
      reason: 'certificate-self-signed',
    })
  })

  it('xmppaddr.test: a certificate with only an XmppAddr identifies the domain', async () => {
    const report = await probe('xmppaddr.test')
    expect(report.targets[0]?.tls?.peerCertificate?.identifiers.xmppAddrs).toEqual(['xmppaddr.test'])
    const names = check(evaluateProbeChecks([report], probeContext()), 's2s-certificate-names')
    expect(names.status).toBe('pass')
    expect(names.summary.en).toContain('xmpp-addr')
  })

  it('unhosted.test: the server answers <host-unknown/>, reported by name and explained', async () => {
    const report = await probe('unhosted.test')
    expect(report.targets[0]?.streamError).toMatchObject({ condition: 'host-unknown', step: 'features' })
    const stream = check(evaluateProbeChecks([report], probeContext()), 's2s-stream-opens')
    expect(stream).toMatchObject({ status: 'fail', reason: 'stream-error-host-unknown' })
    expect(stream.summary.en).toContain('<host-unknown/>')
    expect(stream.summary.en).toContain('does not serve')
    expect(stream.summary['zh-TW']).toContain('不服務')
  })

  it('compares the certificate presented on the port with the one Get-CsCertificate lists', async () => {
    const report = await probe('healthy.test')
    const pem = readFileSync(certificateFiles.get('healthy.test') ?? '', 'utf8')
    const thumbprint = new X509Certificate(pem).fingerprint.replace(/:/g, '')
    const configured = (value: string) => ({ use: 'AccessEdgeExternal', thumbprint: value, subject: 'CN=healthy.test', issuer: 'CN=Probe Test CA', notBefore: null, notAfter: null, alternativeNames: [] })
    const same = compareCertificateWithEvidence(report, probeContext({ certificates: [configured(thumbprint.toLowerCase())] }).evidence)
    expect(same.status).toBe('match')
    const other = compareCertificateWithEvidence(report, probeContext({ certificates: [configured('00'.repeat(20))] }).evidence)
    expect(other.status).toBe('mismatch')
    expect(other.fix?.commands).toContain('Stop-CsWindowsService')
  })
})

describe('probe command against a real Prosody', () => {
  async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const code = await runProbeCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, {})
    return { code, stdout, stderr }
  }

  it('--json: a DiagnosisResult for a healthy domain, exit 0', async () => {
    const { code, stdout } = await runCli(['healthy.test', '--from', 'probe.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--json'])
    const result = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(result).slice(0, 6)).toEqual(['format', 'version', 'verdict', 'rootCause', 'checks', 'path'])
    expect(result).toMatchObject({ format: 'xmpp-edge-doctor/result', version: 1, verdict: 'healthy', rootCause: null })
    expect((result.path as string[]).at(0)).toBe('probe-dns')
    expect((result.path as string[]).at(-1)).toBe('healthy')
    const checks = result.checks as { id: string; status: string; summary: unknown; evidence: unknown[]; fix: unknown }[]
    expect(checks.map((c) => c.id)).toHaveLength(9)
    expect(checks.every((c) => c.status === 'pass' && Array.isArray(c.evidence) && 'fix' in c)).toBe(true)
    expect(code).toBe(0)
  })

  it('--partners-from: probes every configured partner, judged against its entry, from our manifest domain', async () => {
    const evidenceDir = join(dir, 'evidence')
    mkdirSync(evidenceDir, { recursive: true })
    writeFileSync(
      join(evidenceDir, 'manifest.json'),
      JSON.stringify({ format: 'xmpp-edge-doctor/evidence', version: 1, host: 'EDGE01', role: 'Edge', collectedAt: new Date().toISOString(), sipDomains: ['probe.test'], xmppDomains: ['probe.test'], collector: 'test', files: [] }),
    )
    const partner = (domain: string, tls: string) => ({ Identity: domain, Domain: domain, AdditionalDomains: [], PartnerType: 'Federated', TlsNegotiation: tls, SaslNegotiation: 'NotSupported', SupportDialbackNegotiation: true, EnableKeepAlive: true, ProxyFqdn: null, ConnectionLimit: 10 })
    writeFileSync(join(evidenceDir, 'xmpp-partners.json'), JSON.stringify([partner('healthy.test', 'Required'), partner('notls.test', 'Required')]))
    const { code, stdout } = await runCli(['--partners-from', evidenceDir, '--dns-server', dns.server, '--ca-file', pki.caFile, '--json'])
    const result = JSON.parse(stdout) as {
      rootCause: { checkId: string; fix: { commands: string[] } }
      probes: { domain: string; from: string }[]
      checks: { id: string; reason?: string }[]
    }
    expect(code).toBe(1)
    expect(result.probes.map((p) => [p.domain, p.from])).toEqual([
      ['healthy.test', 'probe.test'],
      ['notls.test', 'probe.test'],
    ])
    expect(result.rootCause.checkId).toBe('s2s-starttls-offered')
    expect(result.checks.find((c) => c.id === 's2s-starttls-offered')?.reason).toBe('starttls-not-offered-entry-requires-tls')
    expect(result.rootCause.fix.commands[0]).toBe('Set-CsXmppAllowedPartner -Identity notls.test -TlsNegotiation Optional')
  })

  it('several domains at once: the wrong-name domain is the root cause, exit 1, human output marks it', async () => {
    const json = await runCli(['healthy.test', 'wrongname.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--json', '--concurrency', '2'])
    const result = JSON.parse(json.stdout) as { verdict: string; rootCause: { checkId: string }; domainResults: { domain: string; verdict: string }[] }
    expect(json.code).toBe(1)
    expect(result.verdict).toBe('problems')
    expect(result.rootCause.checkId).toBe('s2s-certificate-names')
    expect(result.domainResults.map((d) => [d.domain, d.verdict])).toEqual([
      ['healthy.test', 'healthy'],
      ['wrongname.test', 'problems'],
    ])
    const human = await runCli(['healthy.test', 'wrongname.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--lang', 'zh-TW'])
    expect(human.code).toBe(1)
    expect(human.stdout).toMatch(/\[✗\] 憑證包含 XMPP 網域（即時） — /)
    expect(human.stdout).toContain('[✓]')
  })
})
