/** The s2s-* checks judged on hand-built reports: every status each check can give, and how domains combine. */
import { describe, expect, it } from 'vitest'
import { evaluateProbeChecks, PROBE_CHECKS } from '../../src-shared/diagnostics/checks/probe-checks'
import { CHECK_IDS, type CheckResult } from '../../src-shared/diagnostics/check-types'
import { buildProbeResult } from '../../src-shared/diagnostics/probe/probe-diagnosis'
import { partnerEntry, probeContext } from './helpers/probe-context'
import { certificate, features, healthyReport, target, tlsInfo, withTarget } from './helpers/synthetic-report'

const DAY = 24 * 60 * 60 * 1000
const CJK = /[\u4e00-\u9fff]/

function check(results: readonly CheckResult[], id: string): CheckResult {
  const found = results.find((r) => r.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return found
}

describe('probe checks as data', () => {
  it('cover exactly the s2s-* ids, each with English and Traditional Chinese texts', () => {
    expect(PROBE_CHECKS.map((c) => c.id).sort()).toEqual(CHECK_IDS.filter((id) => id.startsWith('s2s-')).sort())
    for (const definition of PROBE_CHECKS) {
      expect(definition.group).toBe('probe')
      expect(definition.title.en.length).toBeGreaterThan(5)
      expect(definition.title['zh-TW']).toMatch(CJK)
      expect(definition.explanation['zh-TW']).toMatch(CJK)
      expect(definition.reads).toContain('probe')
    }
  })

  it('are skipped when no probe ran', () => {
    const results = evaluateProbeChecks([], probeContext())
    expect(results.every((r) => r.status === 'skipped')).toBe(true)
    expect(results[0]?.summary.en).toContain('xmpp-edge-doctor probe')
  })

  it('all pass on a healthy report, with evidence tagged probe:<domain>', () => {
    const results = evaluateProbeChecks([healthyReport('contoso.test')], probeContext())
    expect(results.map((r) => r.status)).toEqual(Array(9).fill('pass'))
    expect(results.flatMap((r) => r.evidence).every((e) => e.source === 'probe:contoso.test')).toBe(true)
    for (const result of results) expect(result.summary['zh-TW']).toMatch(CJK)
  })
})

describe('per-check verdicts', () => {
  it('s2s-certificate-not-expiring warns within 30 days and fails when not yet valid', () => {
    const now = new Date('2026-11-26T00:00:00Z')
    const soon = withTarget(healthyReport('a.test'), {
      tls: tlsInfo('a.test', { peerCertificate: certificate('a.test', { notAfter: new Date(now.getTime() + 10 * DAY).toISOString() }, now.getTime()) }),
    })
    expect(check(evaluateProbeChecks([soon], probeContext({ now })), 's2s-certificate-not-expiring')).toMatchObject({
      status: 'warn',
      reason: 'certificate-expiring-soon',
    })
    const early = withTarget(healthyReport('a.test'), {
      tls: tlsInfo('a.test', { peerCertificate: certificate('a.test', { notBefore: new Date(now.getTime() + DAY).toISOString() }, now.getTime()) }),
    })
    expect(check(evaluateProbeChecks([early], probeContext({ now })), 's2s-certificate-not-expiring').reason).toBe('certificate-not-yet-valid')
    // The 30-day threshold, pinned from both sides.
    const expiringIn = (days: number) =>
      check(
        evaluateProbeChecks(
          [withTarget(healthyReport('a.test'), { tls: tlsInfo('a.test', { peerCertificate: certificate('a.test', { notAfter: new Date(now.getTime() + days * DAY).toISOString() }, now.getTime()) }) })],
          probeContext({ now }),
        ),
        's2s-certificate-not-expiring',
      ).status
    expect(expiringIn(29.5)).toBe('warn')
    expect(expiringIn(30.5)).toBe('pass')
  })

  it('s2s-certificate-names: a CN-only certificate is a warning; a wildcard for the domain passes', () => {
    const cnOnly = withTarget(healthyReport('a.test'), {
      tls: tlsInfo('a.test', { peerCertificate: certificate('a.test', { identifiers: { dnsNames: [], srvNames: [], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: ['a.test'] } }) }),
    })
    expect(check(evaluateProbeChecks([cnOnly], probeContext()), 's2s-certificate-names')).toMatchObject({ status: 'warn', reason: 'certificate-cn-only' })
    const wildcard = withTarget(healthyReport('chat.a.test'), {
      tls: tlsInfo('chat.a.test', { peerCertificate: certificate('x', { identifiers: { dnsNames: ['*.a.test'], srvNames: [], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: [] } }) }),
    })
    expect(check(evaluateProbeChecks([wildcard], probeContext()), 's2s-certificate-names').status).toBe('pass')
  })

  it('s2s-certificate-trusted: an unknown issuer fails with the fix to trust the partner CA', () => {
    const report = withTarget(healthyReport('a.test'), {
      tls: tlsInfo('a.test', { authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chainEndsInTrustedRoot: false }),
    })
    const trusted = check(evaluateProbeChecks([report], probeContext()), 's2s-certificate-trusted')
    expect(trusted).toMatchObject({ status: 'fail', reason: 'certificate-untrusted' })
    expect(trusted.summary.en).toContain('--ca-file')
    expect(trusted.fix?.commands[0]).toContain('Cert:\\LocalMachine\\Root')
  })

  it('s2s-auth-available: neither method fails; dialback only while our entry disables dialback fails with a valid fix', () => {
    const none = withTarget(healthyReport('a.test'), { featuresAfterTls: features({ dialback: false }) })
    expect(check(evaluateProbeChecks([none], probeContext()), 's2s-auth-available')).toMatchObject({ status: 'fail', reason: 'no-auth-method' })
    const entry = partnerEntry('a.test', { tlsNegotiation: 'Required', saslNegotiation: 'Required', supportDialbackNegotiation: false })
    const auth = check(evaluateProbeChecks([healthyReport('a.test')], probeContext({ partners: [entry] })), 's2s-auth-available')
    expect(auth).toMatchObject({ status: 'fail', reason: 'dialback-only-entry-disables-dialback' })
    // Required/Required/True is a DOC-NEG "warning" row (dialback unused), so the single change is kept.
    expect(auth.fix?.commands[0]).toBe('Set-CsXmppAllowedPartner -Identity a.test -SupportDialbackNegotiation $true')
    const external = withTarget(healthyReport('a.test'), { featuresAfterTls: features({ dialback: false, saslMechanisms: ['EXTERNAL'] }) })
    expect(check(evaluateProbeChecks([external], probeContext({ partners: [entry] })), 's2s-auth-available').status).toBe('pass')
  })

  it('s2s-starttls-offered: a <failure/> answer and a mix of TLS and plain targets', () => {
    const refused = withTarget(healthyReport('a.test'), {
      starttls: 'failure',
      tls: null,
      featuresAfterTls: null,
      failure: { step: 'starttls', code: 'starttls-failure', message: 'failure' },
    })
    expect(check(evaluateProbeChecks([refused], probeContext()), 's2s-starttls-offered')).toMatchObject({ status: 'fail', reason: 'starttls-failure' })
    const base = healthyReport('a.test')
    const mixed = {
      ...base,
      targets: [
        target('a.test'),
        target('a.test', { host: 'b.a.test', featuresBeforeTls: features(), starttls: 'not-offered' as const, tls: null, featuresAfterTls: null }),
      ],
    }
    expect(check(evaluateProbeChecks([mixed], probeContext()), 's2s-starttls-offered')).toMatchObject({ status: 'warn', reason: 'starttls-partial' })
  })

  it('s2s-stream-opens: an unusual header is a warning; checks after an unreachable port are unknown, not failures', () => {
    const odd = withTarget(healthyReport('a.test'), {
      streamHeader: { from: 'a.test', to: null, id: 'x', version: null, namespace: 'jabber:server', declaresDialback: false },
    })
    expect(check(evaluateProbeChecks([odd], probeContext()), 's2s-stream-opens')).toMatchObject({ status: 'warn', reason: 'stream-header-unusual' })
    const down = withTarget(healthyReport('a.test'), {
      connectAttempts: [{ address: '192.0.2.10', ok: false, ms: 5000, error: { step: 'connect', code: 'timeout', message: 'no answer within 5000 ms' } }],
      connectedAddress: null,
      streamHeader: null,
      featuresBeforeTls: null,
      starttls: 'not-attempted',
      tls: null,
      featuresAfterTls: null,
      failure: { step: 'connect', code: 'timeout', message: 'no answer within 5000 ms' },
    })
    const results = evaluateProbeChecks([down], probeContext())
    // No answer to the SYN within the step's limit: filtered, which proves nothing on its own (issue 14).
    const port = check(results, 's2s-port-reachable')
    expect(port).toMatchObject({ status: 'unknown', reason: 'connect-timeout' })
    expect(port.summary.en).toContain('filtered: no answer to the connection request within 5000 ms (cut by the per-step limit (5000 ms, --timeout))')
    expect(port.summary['zh-TW']).toContain('已過濾')
    for (const id of ['s2s-stream-opens', 's2s-starttls-offered', 's2s-certificate-names', 's2s-auth-available']) {
      expect(check(results, id).status).toBe('unknown')
      expect(check(results, id).summary.en).toContain('cut the probe short at xmpp.a.test:5269 (connect)')
    }
  })
})

describe('several domains', () => {
  it('each check reports the worst domain, names it, and keeps every domain evidence', () => {
    const good = healthyReport('good.test')
    const bad = withTarget(healthyReport('bad.test'), { featuresBeforeTls: features(), starttls: 'not-offered', tls: null, featuresAfterTls: features() })
    const results = evaluateProbeChecks([good, bad], probeContext())
    const starttls = check(results, 's2s-starttls-offered')
    expect(starttls.status).toBe('fail')
    expect(starttls.summary.en.startsWith('bad.test: ')).toBe(true)
    expect(starttls.summary.en).not.toContain('good.test')
    const sources = new Set(starttls.evidence.map((e) => e.source))
    expect(sources).toEqual(new Set(['probe:good.test', 'probe:bad.test']))
    expect(starttls.fix?.commands[0]).toContain('-Identity bad.test')
  })

  it('buildProbeResult: verdict, first failing check as root cause, and a verdict per domain', () => {
    const good = healthyReport('good.test')
    const bad = withTarget(healthyReport('bad.test'), {
      tls: tlsInfo('bad.test', { peerCertificate: certificate('other.test') }),
    })
    const result = buildProbeResult([good, bad], probeContext(), { startedAt: new Date('2026-11-26T00:00:00Z'), durationMs: 12 })
    // The same engine as every run: the walk goes through the tree's probe nodes and stops at the failing one.
    expect(result).toMatchObject({ format: 'xmpp-edge-doctor/result', version: 1, verdict: 'problems' })
    expect(result.path).toEqual(['probe-dns', 'probe-resolves', 'probe-port', 'probe-stream', 'probe-starttls', 'probe-cert-names'])
    expect(result.rootCause?.checkId).toBe('s2s-certificate-names')
    expect(result.nextAction.kind).toBe('apply-fix')
    expect(result.domainResults.map((d) => d.verdict)).toEqual(['healthy', 'problems'])
    expect(result.subject).toMatchObject({ source: 'probe', domains: ['good.test', 'bad.test'] })
    expect(buildProbeResult([good], probeContext(), { startedAt: new Date(), durationMs: 1 }).verdict).toBe('healthy')
  })
})

describe('a limit is not an answer (hand-built reports)', () => {
  const limits = { stepTimeoutMs: 5000, totalTimeoutMs: 20000, maxBytesPerConnection: 262144, maxTargets: 8 }

  it('two targets, one refused and one filtered: unknown, each named with what the network said', () => {
    const base = healthyReport('a.test')
    const refused = target('a.test', {
      host: 'one.a.test',
      connectAttempts: [{ address: '192.0.2.10', ok: false, ms: 1, error: { step: 'connect', code: 'refused', message: 'ECONNREFUSED' } }],
      connectedAddress: null,
      streamHeader: null,
      featuresBeforeTls: null,
      starttls: 'not-attempted',
      tls: null,
      featuresAfterTls: null,
      failure: { step: 'connect', code: 'refused', message: 'ECONNREFUSED' },
    })
    const filtered = { ...refused, host: 'two.a.test', failure: { step: 'connect' as const, code: 'timeout' as const, message: 'no answer within 5000 ms' } }
    const port = check(evaluateProbeChecks([{ ...base, limits, targets: [refused, filtered] }], probeContext()), 's2s-port-reachable')
    expect(port).toMatchObject({ status: 'unknown', reason: 'connect-refused' })
    expect(port.summary.en).toBe(
      'No target accepted a TCP connection, and not every one answered: one.a.test:5269: refused: the host answered with a TCP reset, so nothing listens on port 5269 there (or a firewall rejects it); ' +
        'two.a.test:5269: filtered: no answer to the connection request within 5000 ms (cut by the per-step limit (5000 ms, --timeout)); a firewall that drops packets, a host that is down, or a limit too short for this path, which the probe cannot tell apart.',
    )
    // Both refused: the network answered for every target, so that is a failure.
    const both = check(evaluateProbeChecks([{ ...base, limits, targets: [refused, { ...refused, host: 'two.a.test' }] }], probeContext()), 's2s-port-reachable')
    expect(both.status).toBe('fail')
  })

  it('one target without a record, one whose lookup timed out: unknown (the absent one is still named)', () => {
    const base = healthyReport('a.test')
    const noAddress = (host: string) => target('a.test', { host, addresses: [], connectAttempts: [], connectedAddress: null, streamHeader: null, featuresBeforeTls: null, starttls: 'not-attempted', tls: null, featuresAfterTls: null, failure: { step: 'dns', code: 'dns', message: `${host} has no A or AAAA record` } })
    const report = {
      ...base,
      targets: [noAddress('gone.a.test'), noAddress('slow.a.test')],
      dns: {
        ...base.dns,
        addresses: [
          { host: 'gone.a.test', ipv4: [], ipv6: [], error: { code: 'ENOTFOUND', message: 'queryA ENOTFOUND gone.a.test' }, ms: 2, queries: [{ type: 'A' as const, error: { code: 'ENOTFOUND', message: 'nx' }, ms: 2 }, { type: 'AAAA' as const, error: { code: 'ENOTFOUND', message: 'nx' }, ms: 2 }] },
          { host: 'slow.a.test', ipv4: [], ipv6: [], error: { code: 'ETIMEOUT', message: 'no answer within 5000 ms', cutBy: 'step' as const }, ms: 5000, queries: [{ type: 'A' as const, error: { code: 'ETIMEOUT', message: 'no answer within 5000 ms', cutBy: 'step' as const }, ms: 5000 }, { type: 'AAAA' as const, error: { code: 'ENODATA', message: 'nodata' }, ms: 2 }] },
        ],
      },
    }
    const resolves = check(evaluateProbeChecks([report], probeContext()), 's2s-target-resolves')
    expect(resolves).toMatchObject({ status: 'unknown', reason: 'target-lookup-cut' })
    expect(resolves.summary.en).toBe(
      'The system resolver did not answer for slow.a.test within 5000 ms (cut by the per-step limit (5000 ms, --timeout)). That proves nothing about the record; the check could not be made. No A or AAAA record for gone.a.test.',
    )
    expect(resolves.summary['zh-TW']).toContain('系統解析程式 未在 5000 毫秒內回應 slow.a.test')
  })

  it('STARTTLS or the TLS handshake cut by a limit: unknown, naming the limit, not "the handshake failed"', () => {
    const cut = withTarget(healthyReport('a.test'), {
      starttls: 'proceed',
      tls: null,
      featuresAfterTls: null,
      failure: { step: 'tls-handshake', code: 'total-timeout', message: 'the whole probe of a.test reached its 20000 ms limit' },
    })
    const starttls = check(evaluateProbeChecks([cut], probeContext()), 's2s-starttls-offered')
    expect(starttls).toMatchObject({ status: 'unknown', reason: 'tls-total-timeout' })
    expect(starttls.summary.en).toBe(
      'xmpp.a.test:5269 offers TLS, but the whole-probe limit (20000 ms, --total-timeout) cut the TLS handshake short; that proves nothing about its TLS.',
    )
    const failed = withTarget(healthyReport('a.test'), { tls: null, featuresAfterTls: null, failure: { step: 'tls-handshake', code: 'tls-failed', message: 'wrong version number' } })
    expect(check(evaluateProbeChecks([failed], probeContext()), 's2s-starttls-offered')).toMatchObject({ status: 'fail', reason: 'tls-handshake-failed' })
  })
})
