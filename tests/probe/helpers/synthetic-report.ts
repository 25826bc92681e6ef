/** Hand-built probe reports for unit tests of the checks: a healthy one, and ways to break it. */
import type {
  DomainProbeReport,
  ProbeCertificate,
  ProbeStreamFeatures,
  ProbeTargetReport,
  ProbeTls,
} from '../../../src-shared/probe/probe-types'

const DAY = 24 * 60 * 60 * 1000

export function features(overrides: Partial<ProbeStreamFeatures> = {}): ProbeStreamFeatures {
  return { starttls: false, starttlsRequired: false, dialback: true, saslMechanisms: [], other: [], ...overrides }
}

export function certificate(domain: string, overrides: Partial<ProbeCertificate> = {}, now = Date.now()): ProbeCertificate {
  return {
    subject: `CN=${domain}`,
    issuer: 'CN=Public CA',
    serialNumber: '01',
    identifiers: { dnsNames: [domain], srvNames: [], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: [domain] },
    notBefore: new Date(now - 30 * DAY).toISOString(),
    notAfter: new Date(now + 300 * DAY).toISOString(),
    fingerprint256: 'AA:BB',
    fingerprint1: '71:3D:CD:20:E3:94:A4:96:FA:E4:6E:B0:74:0E:D2:11:7B:80:9D:75',
    selfSigned: false,
    ...overrides,
  }
}

export function tlsInfo(domain: string, overrides: Partial<ProbeTls> = {}): ProbeTls {
  return {
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    alpn: null,
    servername: domain,
    peerCertificate: certificate(domain),
    chain: [],
    authorized: true,
    authorizationError: null,
    chainEndsInTrustedRoot: true,
    extraCaFiles: [],
    ...overrides,
  }
}

export function target(domain: string, overrides: Partial<ProbeTargetReport> = {}): ProbeTargetReport {
  return {
    host: `xmpp.${domain}`,
    port: 5269,
    transport: 'starttls',
    source: 'srv',
    priority: 0,
    weight: 0,
    addresses: ['192.0.2.10'],
    connectAttempts: [{ address: '192.0.2.10', ok: true, ms: 12, error: null }],
    connectedAddress: '192.0.2.10',
    streamHeader: { from: domain, to: null, id: 'abc', version: '1.0', namespace: 'jabber:server', declaresDialback: true },
    featuresBeforeTls: features({ starttls: true }),
    starttls: 'proceed',
    tls: tlsInfo(domain),
    featuresAfterTls: features(),
    streamError: null,
    failure: null,
    steps: [],
    bytesRead: 700,
    ms: 40,
    ...overrides,
  }
}

/** A healthy report for `domain`: one SRV target, everything works. */
export function healthyReport(domain: string, overrides: Partial<DomainProbeReport> = {}): DomainProbeReport {
  return {
    format: 'xmpp-edge-doctor/probe',
    version: 1,
    domain,
    from: null,
    startedAt: '2026-11-26T00:00:00.000Z',
    durationMs: 50,
    limits: { stepTimeoutMs: 5000, totalTimeoutMs: 20000, maxBytesPerConnection: 262144, maxTargets: 8 },
    dns: {
      resolver: 'system',
      srv: {
        query: `_xmpp-server._tcp.${domain}`,
        records: [{ service: 'xmpp-server', target: `xmpp.${domain}`, port: 5269, priority: 0, weight: 0 }],
        error: null,
        ms: 3,
      },
      xmppsSrv: { query: `_xmpps-server._tcp.${domain}`, records: [], error: { code: 'ENOTFOUND', message: 'nx' }, ms: 3 },
      fallbackUsed: false,
      serviceRefused: false,
      addresses: [{ host: `xmpp.${domain}`, ipv4: ['192.0.2.10'], ipv6: [], error: null, ms: 2 }],
    },
    alternateDns: [],
    targets: [target(domain)],
    timedOut: false,
    notes: [],
    ...overrides,
  }
}

/** The same report with its single target changed. */
export function withTarget(report: DomainProbeReport, overrides: Partial<ProbeTargetReport>): DomainProbeReport {
  const [first] = report.targets
  if (!first) throw new Error('report has no target')
  return { ...report, targets: [{ ...first, ...overrides }] }
}
