/**
 * Hand-built, realistic test data: an Edge of contoso.com whose XMPP proxy service stopped after its
 * certificate was renewed, and the healthy run before it. Shared by the store and report tests.
 *
 * The service short name RTCXMPPTGWPX plays the "discovered" name (DOMAIN-FACTS §1 marks it [U]); the
 * event id 61001 is a made-up fixture value (real XMPP event ids are unknown, DOMAIN-FACTS §4).
 */
import type { CheckResult, Fix } from '../../../src-shared/diagnostics/check-types'
import type { Evidence, EvidenceFileName, NetstatEntry } from '../../../src-shared/evidence/evidence-model'
import { text } from '../../../src-shared/i18n/localized'
import type { DiagnosisResult } from '../../../src-shared/result/diagnosis-result'

export const HOST = 'EDGE01.contoso.local'
export const PROXY_SERVICE = 'RTCXMPPTGWPX'
export const NETSTAT_INTERNAL_LINE = '  TCP    10.0.0.5:23456    0.0.0.0:0    LISTENING    2412'
export const NETSTAT_EXTERNAL_LINE = '  TCP    131.107.0.10:5269    0.0.0.0:0    LISTENING    2412'
/** Evidence text is hostile input: renderers must show this, never run it. */
export const HOSTILE_EVENT_TEXT = `Peer said <script>window.__pwned = true</script><img src="http://evil.example/x.png" onerror="window.__pwned=1"> & left`

export const START_PROXY_FIX: Fix = {
  description: text(
    `Start the XMPP proxy service (${PROXY_SERVICE}, the name discovered on this Edge) and check that it stays running.`,
    `啟動 XMPP Proxy 服務（${PROXY_SERVICE}，即在此 Edge 上找到的名稱），並確認它持續執行。`,
  ),
  commands: [`Start-CsWindowsService -Name ${PROXY_SERVICE}`],
  runOn: 'edge',
  changesServer: true,
}

function check(partial: Omit<CheckResult, 'durationMs' | 'fix'> & { fix?: Fix | null; durationMs?: number }): CheckResult {
  return { durationMs: 4, fix: null, ...partial }
}

/** The failing run: proxy stopped, nothing listening on 23456/5269, an error event. */
export function buildProblemResult(): DiagnosisResult {
  return {
    format: 'xmpp-edge-doctor/result',
    version: 1,
    verdict: 'problems',
    rootCause: {
      checkId: 'xmpp-proxy-service-running',
      nodeId: 'proxy-service',
      title: text('The XMPP proxy service is stopped', 'XMPP Proxy 服務已停止'),
      explanation: text(
        'Without the Lync Server XMPP Translating Gateway Proxy nothing listens on 5269 and 23456, so no XMPP partner can reach contoso.com.',
        '沒有 Lync Server XMPP Translating Gateway Proxy，5269 與 23456 連接埠都不會接聽，XMPP 夥伴無法連到 contoso.com。',
      ),
      fix: START_PROXY_FIX,
    },
    checks: [
      check({
        id: 'xmpp-proxy-service-running',
        status: 'fail',
        summary: text(`The XMPP proxy service ${PROXY_SERVICE} is Stopped.`, `XMPP Proxy 服務 ${PROXY_SERVICE} 已停止 (Stopped)。`),
        evidence: [{ source: 'services.json', text: `${PROXY_SERVICE}  Lync Server XMPP Translating Gateway Proxy  Stopped  Automatic` }],
        fix: START_PROXY_FIX,
      }),
      check({
        id: 'xmpp-internal-port-listening',
        status: 'fail',
        summary: text('Nothing listens on the internal XMPP port 23456.', '沒有程式在內部 XMPP 連接埠 23456 上接聽。'),
        evidence: [{ source: 'netstat.txt', text: '  TCP    10.0.0.5:5061    0.0.0.0:0    LISTENING    1980' }],
        fix: START_PROXY_FIX,
      }),
      check({
        id: 'edge-certificate-names',
        status: 'pass',
        summary: text('The Access Edge certificate covers contoso.com.', 'Access Edge 憑證涵蓋 contoso.com。'),
        evidence: [{ source: 'certificates.json', text: 'AlternativeNames = sip.contoso.com, contoso.com, access.contoso.com' }],
      }),
      check({
        id: 'access-edge-federation-enabled',
        status: 'pass',
        summary: text('Federation is enabled on the Access Edge.', 'Access Edge 已啟用同盟。'),
        evidence: [{ source: 'access-edge.json', text: 'AllowFederatedUsers = True' }],
      }),
      check({
        id: 'xmpp-srv-record',
        status: 'pass',
        summary: text('_xmpp-server._tcp.contoso.com points to access.contoso.com:5269.', '_xmpp-server._tcp.contoso.com 指向 access.contoso.com:5269。'),
        evidence: [{ source: 'dns-srv.json', text: '_xmpp-server._tcp.contoso.com SRV 0 0 5269 access.contoso.com' }],
      }),
      check({
        id: 'xmpp-event-log-clean',
        status: 'warn',
        summary: text('The XMPP proxy logged 1 error since the last start.', 'XMPP Proxy 自上次啟動後記錄了 1 個錯誤。'),
        evidence: [{ source: 'events.json', text: `61001 LS XMPP Translating Gateway Proxy: ${HOSTILE_EVENT_TEXT}` }],
      }),
    ],
    path: ['components', 'proxy-service'],
    currentNode: 'proxy-service',
    nextAction: {
      kind: 'apply-fix',
      nodeId: 'proxy-service',
      text: text('Start the XMPP proxy service, then run the checks again.', '啟動 XMPP Proxy 服務，然後再次執行檢查。'),
      commands: START_PROXY_FIX.commands,
    },
    answers: {},
    subject: {
      host: HOST,
      role: 'Edge',
      productVersion: '5.0.8308.0',
      domains: ['contoso.com'],
      collectedAt: '2026-11-20T09:30:00.000Z',
      source: 'evidence-folder',
    },
    startedAt: '2026-11-20T09:31:00.000Z',
    durationMs: 1834,
  }
}

/** The earlier healthy run on the same Edge. */
export function buildHealthyResult(): DiagnosisResult {
  const problem = buildProblemResult()
  return {
    ...problem,
    verdict: 'healthy',
    rootCause: null,
    checks: [
      check({
        id: 'xmpp-proxy-service-running',
        status: 'pass',
        summary: text(`The XMPP proxy service ${PROXY_SERVICE} is Running.`, `XMPP Proxy 服務 ${PROXY_SERVICE} 正在執行。`),
        evidence: [{ source: 'services.json', text: `${PROXY_SERVICE}  Lync Server XMPP Translating Gateway Proxy  Running  Automatic` }],
      }),
      check({
        id: 'xmpp-internal-port-listening',
        status: 'pass',
        summary: text('The internal XMPP port 23456 is listening.', '內部 XMPP 連接埠 23456 正在接聽。'),
        evidence: [{ source: 'netstat.txt', text: NETSTAT_INTERNAL_LINE }],
      }),
    ],
    path: ['components', 'proxy-service', 'gateway-service', 'external-port', 'internal-port', 'cert-names', 'federation', 'healthy'],
    currentNode: null,
    nextAction: { kind: 'none', nodeId: null, text: text('Nothing to do.', '無需處理。'), commands: [] },
    answers: {},
    subject: { ...problem.subject, collectedAt: '2026-11-01T08:00:00.000Z' },
    startedAt: '2026-11-01T08:01:00.000Z',
    durationMs: 1502,
  }
}

function netstat(line: string, localAddress: string, localPort: number, pid: number): NetstatEntry {
  return { protocol: 'TCP', localAddress, localPort, remoteAddress: '0.0.0.0', remotePort: 0, stateText: 'LISTENING', isListening: true, isEstablished: false, pid, line }
}

/** Parsed evidence of the healthy run (before) or the problem run (after). */
export function buildEvidence(kind: 'healthy' | 'problem'): Evidence {
  const healthy = kind === 'healthy'
  const missing = { state: 'missing' } as const
  return {
    manifest: {
      state: 'collected',
      value: {
        format: 'xmpp-edge-doctor/evidence',
        version: 1,
        host: HOST,
        role: 'Edge',
        collectedAt: healthy ? '2026-11-01T08:00:00.000Z' : '2026-11-20T09:30:00.000Z',
        sipDomains: ['contoso.com'],
        xmppDomains: ['contoso.com'],
        collector: 'Collect-XmppEvidence.ps1 0.1.0',
        files: [],
      },
    },
    serverVersion: { state: 'collected', value: { raw: 'Lync Server 2013, Edge Server (5.0.8308.0)', version: '5.0.8308.0', product: 'Lync Server 2013' } },
    services: {
      state: 'collected',
      value: [
        { name: 'RTCSRV', displayName: 'Lync Server Access Edge', status: 'Running', startType: 'Automatic', processId: 1980, processStartTime: '2026-10-30T06:00:00.000Z' },
        // The proxy stopped (no process, no start time); REPLICA restarted (new process, new start time).
        { name: PROXY_SERVICE, displayName: 'Lync Server XMPP Translating Gateway Proxy', status: healthy ? 'Running' : 'Stopped', startType: 'Automatic', processId: healthy ? 2412 : null, processStartTime: healthy ? '2026-10-30T06:00:05.000Z' : null },
        { name: 'REPLICA', displayName: 'Lync Server Replica Replicator Agent', status: 'Running', startType: 'Automatic', processId: healthy ? 1400 : 3310, processStartTime: healthy ? '2026-10-30T06:00:03.000Z' : '2026-11-20T09:05:00.000Z' },
      ],
    },
    netstat: {
      state: 'collected',
      value: [
        netstat('  TCP    10.0.0.5:5061    0.0.0.0:0    LISTENING    1980', '10.0.0.5', 5061, 1980),
        ...(healthy ? [netstat(NETSTAT_INTERNAL_LINE, '10.0.0.5', 23456, 2412), netstat(NETSTAT_EXTERNAL_LINE, '131.107.0.10', 5269, 2412)] : []),
      ],
    },
    tasklist: missing,
    events: {
      state: 'collected',
      value: healthy
        ? []
        : [{ timeCreated: '2026-11-20T09:12:00.000Z', id: 61001, level: 2, levelDisplayName: 'Error', providerName: 'LS XMPP Translating Gateway Proxy', message: HOSTILE_EVENT_TEXT }],
    },
    sites: { state: 'collected', value: [{ identity: 'Site:Redmond', siteId: '1', federationRoute: 'EdgeServer:edgepool.contoso.local', xmppFederationRoute: 'EdgeServer:edgepool.contoso.local' }] },
    topology: missing,
    edgeServices: {
      state: 'collected',
      value: [{ identity: 'EdgeServer:edgepool.contoso.local', poolFqdn: 'edgepool.contoso.local', siteId: '1', accessEdgeExternalFqdn: 'access.contoso.com', accessEdgeExternalSipPort: 5061, xmppListeningPort: 5269, xmppInternalPort: 23456, properties: {} }],
    },
    accessEdge: { state: 'collected', value: { identity: 'Global', allowFederatedUsers: true, allowOutsideUsers: true, enablePartnerDiscovery: false, useDnsSrvRouting: true, properties: {} } },
    externalAccessPolicies: {
      state: 'collected',
      value: [{ identity: 'Global', enableFederationAccess: true, enableXmppAccess: true, enablePublicCloudAccess: false, enableOutsideAccess: true }],
    },
    policyGrants: missing,
    xmppPartners: {
      state: 'collected',
      value: [
        {
          identity: 'fabrikam.com',
          domain: 'fabrikam.com',
          additionalDomains: [],
          partnerType: 'Federated',
          tlsNegotiation: 'Required',
          saslNegotiation: healthy ? 'Required' : 'Optional',
          supportDialbackNegotiation: healthy ? false : true,
          enableKeepAlive: true,
          proxyFqdn: null,
          connectionLimit: 20,
        },
      ],
    },
    xmppGateway: missing,
    certificates: {
      state: 'collected',
      value: [
        {
          use: 'AccessEdgeExternal',
          thumbprint: healthy ? '3F2A9C10B7D84E55A1C0FF1234567890ABCDEF01' : '9B17E0C44D2A6F8B3E5C7A9D1F0B2C4E6A8D0F12',
          subject: 'CN=access.contoso.com',
          issuer: 'CN=Contoso Issuing CA',
          notBefore: healthy ? '2025-11-15T00:00:00.000Z' : '2026-11-15T00:00:00.000Z',
          notAfter: healthy ? '2026-11-30T00:00:00.000Z' : '2027-11-30T00:00:00.000Z',
          alternativeNames: ['sip.contoso.com', 'access.contoso.com', 'contoso.com'],
        },
      ],
    },
    rootStore: missing,
    replication: missing,
    dnsSrv: { state: 'collected', value: [{ query: '_xmpp-server._tcp.contoso.com', records: [{ target: 'access.contoso.com', port: 5269, priority: 0, weight: 0 }], error: null }] },
    dnsA: { state: 'collected', value: [{ query: 'access.contoso.com', addresses: ['131.107.0.10'], error: null }] },
  }
}

/** Values that identify the organisation and its people, planted in the raw files below. */
export const SECRET_VALUES = [
  'EDGE01.contoso.local',
  'EDGE01',
  'FE01.contoso.local',
  'edgepool.contoso.local',
  'contoso.local',
  'contoso.com',
  'access.contoso.com',
  'sip.contoso.com',
  '10.0.0.5',
  '192.168.10.20',
  '172.16.4.9',
  'fe80::5efe:a00:5',
  'fd12:3456:789a::5',
  'alice',
  'svc-xmpp',
  'lyncadmin',
  'CONTOSO',
] as const

function utf16le(textValue: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(textValue, 'utf16le')]))
}

function utf8(textValue: string): Uint8Array {
  return new Uint8Array(Buffer.from(textValue, 'utf8'))
}

/** Raw evidence files as a collector writes them: netstat in UTF-16LE with a BOM (PowerShell 5.1 `>`). */
export function buildRawEvidenceFiles(): Map<EvidenceFileName, Uint8Array> {
  const netstatText = [
    '',
    'Active Connections',
    '',
    '  Proto  Local Address          Foreign Address        State           PID',
    '  TCP    10.0.0.5:5061          0.0.0.0:0              LISTENING       1980',
    '  TCP    10.0.0.5:443           192.168.10.20:50123    ESTABLISHED     1980',
    '  TCP    [fe80::5efe:a00:5%12]:5061  [::]:0            LISTENING       1980',
    '  TCP    [fd12:3456:789a::5]:4443    [::]:0            LISTENING       1400',
    '  TCP    131.107.0.10:443       0.0.0.0:0              LISTENING       1980',
    '',
  ].join('\r\n')
  return new Map<EvidenceFileName, Uint8Array>([
    [
      'manifest.json',
      utf8(
        JSON.stringify(
          {
            format: 'xmpp-edge-doctor/evidence',
            version: 1,
            host: HOST,
            role: 'Edge',
            collectedAt: '2026-11-20T09:30:00.000Z',
            sipDomains: ['contoso.com'],
            xmppDomains: ['contoso.com'],
            collector: 'Collect-XmppEvidence.ps1 0.1.0 run by CONTOSO\\lyncadmin',
            files: [],
          },
          null,
          2,
        ),
      ),
    ],
    ['netstat.txt', utf16le(netstatText)],
    [
      'services.json',
      utf8(
        JSON.stringify([
          { Name: 'RTCSRV', DisplayName: 'Lync Server Access Edge', Status: 4, StartName: 'NT AUTHORITY\\NetworkService' },
          { Name: PROXY_SERVICE, DisplayName: 'Lync Server XMPP Translating Gateway Proxy', Status: 1, StartName: 'CONTOSO\\svc-xmpp' },
        ]),
      ),
    ],
    [
      'events.json',
      utf16le(
        JSON.stringify([
          {
            Id: 61001,
            ProviderName: 'LS XMPP Translating Gateway Proxy',
            Message: 'Connection from FE01.contoso.local (192.168.10.20) for sip:alice@contoso.com failed; backup route 172.16.4.9 via EDGE01.',
          },
        ]),
      ),
    ],
    [
      'dns-srv.json',
      utf8(JSON.stringify([{ Name: '_xmpp-server._tcp.contoso.com', Type: 'SRV', NameTarget: 'access.contoso.com', Port: 5269, Priority: 0, Weight: 0 }])),
    ],
    [
      'topology.xml',
      utf8(`<?xml version="1.0"?><Topology><Cluster Fqdn="edgepool.contoso.local"><Machine Fqdn="EDGE01.contoso.local" /><Machine Fqdn="FE01.contoso.local" /></Cluster><SipDomain Name="contoso.com" /></Topology>`),
    ],
  ])
}

/** A recorded session around the problem run (what the store returns for it). */
export function buildProblemSession(): import('../../../src-shared/report/session-record').SessionDetail {
  const result = buildProblemResult()
  return {
    id: 7,
    uid: '5b0c9f7e-2d7a-4c51-9a43-0e6f0c1f7a11',
    host: HOST,
    role: 'Edge',
    productVersion: result.subject.productVersion,
    domains: result.subject.domains,
    startedAt: '2026-11-20T09:30:30.000Z',
    endedAt: '2026-11-20T09:52:10.000Z',
    verdict: result.verdict,
    rootCauseCheckId: 'xmpp-proxy-service-running',
    rootCauseTitle: result.rootCause!.title,
    source: result.subject.source,
    collectedAt: result.subject.collectedAt,
    appVersion: '0.1.0',
    evidenceFiles: [{ name: 'netstat.txt', sha256: 'a'.repeat(64), originalSize: 812, storedSize: 301, compression: 'brotli' }],
    checkRuns: [{ runNo: 1, recordedAt: '2026-11-20T09:31:02.000Z', results: result.checks }],
    walk: { path: result.path, currentNode: result.currentNode, nextAction: result.nextAction, answers: result.answers },
    rootCause: result.rootCause,
    answers: [{ nodeId: 'q-edge-restarted', answerId: 'yes', answeredAt: '2026-11-20T09:35:00.000Z' }],
    actions: [
      {
        id: 1,
        command: `Start-CsWindowsService -Name ${PROXY_SERVICE}`,
        runOn: 'edge',
        confirmedAt: '2026-11-20T09:40:00.000Z',
        finishedAt: '2026-11-20T09:40:09.000Z',
        status: 'succeeded',
        exitCode: 0,
        output: 'WARNING: Waiting for service to start... ```` backticks ````',
      },
    ],
    notes: [{ id: 1, createdAt: '2026-11-20T09:45:00.000Z', body: 'Certificate renewed on 15 Nov by the PKI team (ask alice@contoso.com). <b>bold?</b> [link](http://evil.example)' }],
    snapshot: null,
    diagnosisStartedAt: result.startedAt,
    diagnosisDurationMs: result.durationMs,
  }
}
