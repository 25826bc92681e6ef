/**
 * `analyze --probe`: the healthy-edge evidence (contoso.com) beside a live probe of a real Prosody and a real
 * dnsmasq on 127.0.0.1. The probe checks and the tree's probe nodes run, the comparisons (certificate as
 * configured vs as presented, SRV as published vs the topology) are attached, and the walk names the right
 * root cause. Everything talks to 127.0.0.0/8 only, with bounded timeouts.
 */
import { X509Certificate } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { readEvidence } from '../../src-main/evidence-io/read-evidence'
import { certificate, healthyReport, tlsInfo, withTarget } from '../probe/helpers/synthetic-report'
import { startDnsmasq, type RunningDnsmasq } from '../probe/helpers/dnsmasq-server'
import { startProsody, type RunningProsody } from '../probe/helpers/prosody-server'
import { createTestPki, type TestPki } from '../probe/helpers/test-certificates'
import { runCliCaptured as run } from '../support/run-cli-captured'

const HEALTHY_EDGE = 'tests/scenarios/healthy-edge'
const PROBE_CHECK_IDS = [
  's2s-dns-srv',
  's2s-target-resolves',
  's2s-port-reachable',
  's2s-stream-opens',
  's2s-starttls-offered',
  's2s-certificate-names',
  's2s-certificate-trusted',
  's2s-certificate-not-expiring',
  's2s-auth-available',
]

let dir: string
let pki: TestPki
/** Hosts contoso.com with a certificate naming it. */
let good: RunningProsody
/** Hosts contoso.com with a certificate that names only the SRV target host. */
let wrongName: RunningProsody
/** The partner fabrikam.com, without TLS (a server of its own: Prosody refuses streams from a domain it hosts). */
let partner: RunningProsody
/** contoso.com's SRV record as the topology expects it (sip.contoso.com:5269); fabrikam.com's points at the partner. */
let dns: RunningDnsmasq
/** contoso.com's SRV record points at the good Prosody's port instead of the Edge's 5269. */
let dnsOtherPort: RunningDnsmasq
/** The healthy-edge evidence with the good certificate's thumbprint as AccessEdgeExternal and fabrikam.com as a partner. */
let evidence: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-probe-'))
  const pkiDir = join(dir, 'pki')
  mkdirSync(pkiDir)
  pki = createTestPki(pkiDir)
  const goodCert = pki.issue('contoso.com', { san: 'DNS:contoso.com,DNS:sip.contoso.com' })
  const wrongCert = pki.issue('contoso-wrong', { san: 'DNS:sip.contoso.com', commonName: 'sip.contoso.com' })
  const fabrikamCert = pki.issue('fabrikam.com', { san: 'DNS:fabrikam.com' })
  ;[good, wrongName, partner] = await Promise.all([
    startProsody(join(dir, 'good'), [{ domain: 'contoso.com', ...goodCert }]),
    startProsody(join(dir, 'wrong'), [{ domain: 'contoso.com', ...wrongCert }]),
    startProsody(join(dir, 'partner'), [{ domain: 'fabrikam.com', ...fabrikamCert, allowTls: false }]),
  ])
  const hosts = { 'sip.contoso.com': ['127.0.0.1'], 'xmpp.fabrikam.com': ['127.0.0.1'] }
  dns = await startDnsmasq({
    srv: [
      { name: '_xmpp-server._tcp.contoso.com', target: 'sip.contoso.com', port: 5269, priority: 0, weight: 0 },
      { name: '_xmpp-server._tcp.fabrikam.com', target: 'xmpp.fabrikam.com', port: partner.port, priority: 0, weight: 0 },
    ],
    hosts,
  })
  dnsOtherPort = await startDnsmasq({
    srv: [{ name: '_xmpp-server._tcp.contoso.com', target: 'sip.contoso.com', port: good.port, priority: 0, weight: 0 }],
    hosts,
  })
  evidence = join(dir, 'evidence')
  cpSync(HEALTHY_EDGE, evidence, { recursive: true })
  const thumbprint = new X509Certificate(readFileSync(goodCert.certFile)).fingerprint.replace(/:/g, '')
  writeFileSync(
    join(evidence, 'certificates.json'),
    JSON.stringify([
      {
        Use: 'AccessEdgeExternal',
        Thumbprint: thumbprint,
        Subject: 'CN=contoso.com',
        Issuer: 'CN=Probe Test CA',
        NotBefore: '/Date(1772323200000)/',
        NotAfter: '/Date(1803945599000)/',
        AlternativeNames: ['contoso.com', 'sip.contoso.com'],
      },
    ]),
  )
  writeFileSync(
    join(evidence, 'xmpp-partners.json'),
    JSON.stringify([
      {
        Identity: 'fabrikam.com',
        Domain: 'fabrikam.com',
        AdditionalDomains: [],
        Description: null,
        PartnerType: 'Federated',
        TlsNegotiation: 'Required',
        SaslNegotiation: 'NotSupported',
        SupportDialbackNegotiation: true,
        EnableKeepAlive: true,
        ProxyFqdn: null,
        ConnectionLimit: 10,
      },
    ]),
  )
}, 90_000)

afterAll(async () => {
  await dns?.stop()
  await dnsOtherPort?.stop()
  await good?.stop()
  await wrongName?.stop()
  await partner?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** What analyze --probe offers on stderr for the healthy-edge evidence (an Edge) without --source. */
const SOURCE_OFFER =
  'xmpp-edge-doctor: the evidence shows the Access Edge external interface at 203.0.113.10 (netstat: TCP    203.0.113.10:50822     198.51.100.25:5269     ESTABLISHED     2412). ' +
  'Partners see our outbound connections from there, not from this machine: on that Edge, add --source 203.0.113.10 to probe from it.\n'

/** analyze --probe --json with the test CA trusted and a short step timeout; stderr holds only the --source offer. */
async function analyzeJson(folder: string, resolver: RunningDnsmasq, ...more: string[]): Promise<{ code: number; result: DiagnosisResult }> {
  // Our domain only, unless the test is about partners (by default every configured partner is probed too).
  const scope = more.includes('--partner') || more.includes('--all-partners') ? [] : ['--ours-only']
  const args = more.filter((arg) => arg !== '--all-partners')
  const r = await run('analyze', folder, '--probe', '--dns-server', resolver.server, '--ca-file', pki.caFile, '--probe-timeout', '3s', '--json', ...scope, ...args)
  expect(r.stderr).toBe(args.includes('--source') ? '' : SOURCE_OFFER)
  return { code: r.code, result: JSON.parse(r.stdout) as DiagnosisResult }
}

function statuses(result: DiagnosisResult): Record<string, string> {
  return Object.fromEntries(result.checks.filter((c) => PROBE_CHECK_IDS.includes(c.id)).map((c) => [c.id, c.status]))
}

function comparison(result: DiagnosisResult, id: string) {
  const found = result.comparisons?.find((c) => c.id === id)
  if (!found) throw new Error(`no comparison ${id}`)
  return found
}

describe('analyze --probe against a real Prosody', () => {
  it('healthy: every probe check passes, the tree walks the probe nodes to healthy, both comparisons match', async () => {
    const { code, result } = await analyzeJson(evidence, dns, '--connect', `127.0.0.1:${good.port}`)
    expect(statuses(result)).toEqual(Object.fromEntries(PROBE_CHECK_IDS.map((id) => [id, 'pass'])))
    expect(result.verdict).toBe('healthy')
    expect(code).toBe(0)
    expect(result.path).toContain('probe-cert-names')
    expect(result.path.at(-1)).toBe('healthy')
    expect(result.subject.domains).toEqual(['contoso.com'])
    expect(result.comparisons?.map((c) => [c.domain, c.id, c.status])).toEqual([
      ['contoso.com', 'certificate-as-presented', 'match'],
      ['contoso.com', 'srv-as-published', 'match'],
    ])
    expect(comparison(result, 'srv-as-published').summary.en).toContain('sip.contoso.com:5269')
  })

  it('the certificate presented lacks the domain while the evidence says it has it: root cause s2s-certificate-names, and it is not the assigned one', async () => {
    const { code, result } = await analyzeJson(evidence, dns, '--connect', `127.0.0.1:${wrongName.port}`)
    expect(code).toBe(1)
    expect(result.checks.find((c) => c.id === 'edge-certificate-names')?.status).toBe('pass')
    expect(result.rootCause).toMatchObject({ checkId: 's2s-certificate-names', nodeId: 'probe-cert-names' })
    expect(result.rootCause?.explanation.en).toContain('sip.contoso.com')
    expect(result.rootCause?.fix).not.toBeNull()
    const certificate = comparison(result, 'certificate-as-presented')
    expect(certificate.status).toBe('mismatch')
    expect(certificate.fix?.commands).toContain('Start-CsWindowsService')
  })

  it('a domain whose configured certificate already lacks it: edge-certificate-names comes first on the path', async () => {
    // fabrikam.com as OUR domain: the evidence's Edge certificate does not name it, and neither does the probe's.
    const { result } = await analyzeJson(evidence, dns, '--domain', 'fabrikam.com', '--connect', `127.0.0.1:${wrongName.port}`)
    expect(result.checks.find((c) => c.id === 'edge-certificate-names')?.status).toBe('fail')
    expect(result.rootCause?.checkId).toBe('edge-certificate-names')
  })

  it('a partner without STARTTLS while our entry says TlsNegotiation=Required: that reason is the root cause, with the Set-CsXmppAllowedPartner fix', async () => {
    const { code, result } = await analyzeJson(evidence, dns, '--partner', 'fabrikam.com', '--connect', `127.0.0.1:${good.port}`)
    expect(code).toBe(1)
    const starttls = result.checks.find((c) => c.id === 's2s-starttls-offered')
    expect(starttls).toMatchObject({ status: 'fail', reason: 'starttls-not-offered-entry-requires-tls' })
    expect(result.rootCause).toMatchObject({ checkId: 's2s-starttls-offered', nodeId: 'probe-starttls' })
    expect(result.rootCause?.fix?.commands.join('\n')).toMatch(/^Set-CsXmppAllowedPartner -Identity fabrikam\.com .*-TlsNegotiation Optional/m)
    expect(result.nextAction).toMatchObject({ kind: 'apply-fix', nodeId: 'probe-starttls' })
    // --connect led to our Edge only; the partner was found through its SRV record, and comparisons are ours only.
    expect(result.checks.find((c) => c.id === 's2s-port-reachable')?.evidence.map((e) => e.text).join('\n')).toContain(`xmpp.fabrikam.com:${partner.port}`)
    expect(result.comparisons?.map((c) => c.domain)).toEqual(['contoso.com', 'contoso.com'])
  })

  it('without --partner every configured partner is probed too, with one root cause per failing domain', async () => {
    const { code, result } = await analyzeJson(evidence, dns, '--all-partners', '--connect', `127.0.0.1:${good.port}`)
    expect(code).toBe(1)
    expect(result.domainRootCauses?.map((d) => [d.domain, d.side, d.status, d.rootCause?.checkId ?? null])).toEqual([
      ['contoso.com', 'ours', 'pass', null],
      ['fabrikam.com', 'partner', 'fail', 's2s-starttls-offered'],
    ])
    expect(result.domainRootCauses?.[1]?.rootCause?.title.en).toBe('The XMPP server does not offer STARTTLS')
    const text = await run('analyze', evidence, '--probe', '--dns-server', dns.server, '--ca-file', pki.caFile, '--probe-timeout', '3s', '--connect', `127.0.0.1:${good.port}`, '--lang', 'en')
    expect(text.stdout).toContain('Each probed domain\n  [✓] contoso.com (ours)\n  [✗] fabrikam.com (partner): The XMPP server does not offer STARTTLS — ')
  })

  it('without --connect the probe follows the published SRV record; a port other than the topology\'s is a mismatch and a warning', async () => {
    const { result } = await analyzeJson(evidence, dnsOtherPort)
    const srv = comparison(result, 'srv-as-published')
    expect(srv.status).toBe('mismatch')
    expect(srv.summary.en).toContain(`sip.contoso.com:${good.port}`)
    expect(srv.fix?.commands[0]).toBe('_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.')
    expect(result.checks.find((c) => c.id === 's2s-dns-srv')).toMatchObject({ status: 'warn', reason: 'srv-port-mismatch' })
    expect(result.checks.find((c) => c.id === 's2s-certificate-names')?.status).toBe('pass')
    expect(comparison(result, 'certificate-as-presented').status).toBe('match')
  })

  it('prints the comparisons after the probe group, in English and Traditional Chinese', async () => {
    const common = ['analyze', evidence, '--probe', '--dns-server', dns.server, '--ca-file', pki.caFile, '--probe-timeout', '3s', '--connect', `127.0.0.1:${wrongName.port}`, '--ours-only']
    const en = await run(...common, '--lang', 'en')
    expect(en.code).toBe(1)
    const probeGroup = en.stdout.indexOf('Live probe (what a partner sees)')
    const section = en.stdout.indexOf('Probe beside evidence (as configured vs as seen)')
    expect(probeGroup).toBeGreaterThan(-1)
    expect(section).toBeGreaterThan(probeGroup)
    expect(en.stdout).toContain('[!] contoso.com: Certificate on 5269 vs the one assigned — ')
    expect(en.stdout).toContain('[✓] contoso.com: SRV record vs the topology — ')
    expect(en.stdout).toContain('Root cause: The certificate presented on 5269 does not name the domain')
    const zh = await run(...common, '--lang', 'zh-TW')
    expect(zh.stdout).toContain('探測與證據對照（設定值與實際所見）')
    expect(zh.stdout).toContain('[!] contoso.com：5269 上的憑證與指派的憑證 — ')
    expect(zh.stdout).toContain('修正：')
  })
})

describe('analyze --probe from the Edge external interface (--source)', () => {
  it('an Edge run without --source offers the Access Edge external IP the evidence shows (netstat), in the chosen language', async () => {
    const zh = await run('analyze', evidence, '--probe', '--dns-server', dns.server, '--ca-file', pki.caFile, '--probe-timeout', '3s', '--connect', `127.0.0.1:${good.port}`, '--json', '--lang', 'zh-TW')
    expect(zh.stderr).toBe(
      'xmpp-edge-doctor: 證據顯示 Access Edge 外部介面位於 203.0.113.10（netstat：TCP    203.0.113.10:50822     198.51.100.25:5269     ESTABLISHED     2412）。夥伴看到的是我方從該位址連出，而不是本機：請在該 Edge 上加上 --source 203.0.113.10 從該位址探測。\n',
    )
  })

  it('with --source the probe speaks from that address (here 127.0.0.1 on loopback) and the report says so', async () => {
    const { code, result } = await analyzeJson(evidence, dns, '--connect', `127.0.0.1:${good.port}`, '--source', '127.0.0.1')
    expect(code).toBe(0)
    const port = result.checks.find((c) => c.id === 's2s-port-reachable')
    expect(port?.evidence.map((e) => e.text)).toContain('the probe spoke from 127.0.0.1 (--source)')
    expect(port?.evidence.map((e) => e.text).join('\n')).toMatch(/TCP connected in \d+ ms from 127\.0\.0\.1/)
  })

  it('an address this machine does not hold is refused before any traffic (exit 2)', async () => {
    const r = await run('analyze', HEALTHY_EDGE, '--probe', '--dns-server', '127.0.0.1:9', '--source', '192.0.2.1')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--source: 192.0.2.1 is not an address of this machine')
    expect(r.stdout).toBe('')
  })
})

describe('analyze without --probe, and bad probe input', () => {
  it('without --probe nothing is probed: no comparisons, the probe checks are not applicable', async () => {
    const r = await run('analyze', HEALTHY_EDGE, '--json')
    const result = JSON.parse(r.stdout) as DiagnosisResult
    expect(r.code).toBe(0)
    expect('comparisons' in result).toBe(false)
    expect(Object.values(statuses(result))).toEqual(PROBE_CHECK_IDS.map(() => 'skipped'))
  })

  it.each([
    [['--dns-server', '127.0.0.1:53'], /--dns-server: only with --probe/],
    [['--source', '127.0.0.1'], /--source: only with --probe/],
    [['--client-cert', 'edge.pfx', '--client-cert-password-env', 'P'], /--client-cert, --client-cert-password-env: only with --probe/],
    [['--probe', '--dns-server', '127.0.0.1:9', '--client-cert', '/nonexistent/edge.pfx'], /Client certificate \/nonexistent\/edge\.pfx cannot be read/],
    [['--connect', 'edge.contoso.com', '--ca-file', 'x.pem'], /--ca-file, --connect: only with --probe/],
    [['--probe', '--probe-timeout', 'soon'], /--probe-timeout "soon": expected a duration/],
    [['--probe', '--connect', 'bad host:1'], /--connect "bad host:1"/],
    [['--probe', '--dns-server', 'dns.google'], /--dns-server: "dns.google" is not an IP address/],
    [['--probe', '--dns-server', '127.0.0.1:9', '--ca-file', '/nonexistent/ca.pem'], /\/nonexistent\/ca\.pem/],
  ])('%j: exit 2, one clear line, nothing on stdout', async (extra, message) => {
    const r = await run('analyze', HEALTHY_EDGE, ...extra)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).toBe('')
  })

  it('--probe with no domain anywhere is refused before any traffic, in the chosen language', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'analyze-probe-empty-'))
    try {
      // Evidence with no manifest: no domain of ours, and no --domain or --partner.
      writeFileSync(join(empty, 'services.json'), '[]')
      const r = await run('analyze', empty, '--probe', '--dns-server', '127.0.0.1:9', '--lang', 'zh-TW')
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('--probe 需要網域')
      expect(r.stdout).toBe('')
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('diagnose with probes', () => {
  it('judges the probe\'s certificate dates at the probe time, the evidence at its collection time', async () => {
    const parsed = parseEvidence((await readEvidence(HEALTHY_EDGE)).files)
    // Collected 2026-11-20; a certificate renewed on 2026-11-24 and probed on 2026-11-26 is in date.
    const renewed = certificate('contoso.com', { notBefore: '2026-11-24T00:00:00.000Z', notAfter: '2027-11-24T00:00:00.000Z' })
    const report = withTarget(healthyReport('contoso.com'), { tls: tlsInfo('contoso.com', { peerCertificate: renewed }) })
    const base = { evidence: parsed.evidence, source: 'evidence-folder' as const, startedAt: new Date('2026-11-26T08:00:00Z'), probes: new Map([['contoso.com', report]]) }
    const expiry = (result: DiagnosisResult) => result.checks.find((c) => c.id === 's2s-certificate-not-expiring')
    expect(expiry(diagnose({ ...base, probedAt: new Date('2026-11-26T08:00:00Z') }))?.status).toBe('pass')
    // Default: the run's start, not the collection time.
    expect(expiry(diagnose(base))?.status).toBe('pass')
    // An explicit probedAt before the renewal shows the certificate as not yet valid.
    expect(expiry(diagnose({ ...base, probedAt: new Date('2026-11-21T00:00:00Z') }))?.status).toBe('fail')
    // The evidence checks keep judging at the collection time.
    expect(diagnose(base).checks.find((c) => c.id === 'edge-certificate-valid')?.status).toBe('pass')
  })
})
