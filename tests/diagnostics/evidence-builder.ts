/** Builds parsed Evidence for check and tree tests: a healthy Edge by default, with any part replaced. */
import type { Collected, Evidence, NetstatEntry } from '../../src-shared/evidence/evidence-model'

export function collected<T>(value: T): Collected<T> {
  return { state: 'collected', value }
}
export const missing: Collected<never> = { state: 'missing' }

export function netstatLine(local: string, port: number, foreign: string, foreignPort: number, state: string, pid: number): NetstatEntry {
  return {
    protocol: 'TCP',
    localAddress: local,
    localPort: port,
    remoteAddress: foreign,
    remotePort: foreignPort,
    stateText: state,
    isListening: foreignPort === 0,
    isEstablished: state === 'ESTABLISHED',
    pid,
    line: `  TCP    ${local}:${port}    ${foreign}:${foreignPort}    ${state}    ${pid}`,
  }
}

export const PROXY_PID = 2412

export function healthyEdgeEvidence(overrides: Partial<Evidence> = {}): Evidence {
  const base: Evidence = {
    manifest: collected({
      format: 'xmpp-edge-doctor/evidence',
      version: 1,
      host: 'EDGE01',
      role: 'Edge',
      collectedAt: '2026-11-20T08:00:00.000Z',
      sipDomains: ['contoso.com'],
      xmppDomains: ['contoso.com'],
      collector: 'test',
      files: [],
    }),
    serverVersion: collected({ raw: 'Lync Server 2013 (5.0.8308.0): Volume license key installed.', version: '5.0.8308.0', product: 'Lync Server 2013' }),
    services: collected([
      { name: 'RTCSRV', displayName: 'Lync Server Access Edge', status: 'Running', startType: 'Automatic', processId: 1800 },
      { name: 'RTCXMPPTGWPX', displayName: 'Lync Server XMPP Translating Gateway Proxy', status: 'Running', startType: 'Automatic', processId: PROXY_PID },
      { name: 'REPLICA', displayName: 'Lync Server Replica Replicator Agent', status: 'Running', startType: 'Automatic', processId: 1700 },
    ]),
    netstat: collected([
      netstatLine('0.0.0.0', 5269, '0.0.0.0', 0, 'LISTENING', PROXY_PID),
      netstatLine('10.0.1.5', 23456, '0.0.0.0', 0, 'LISTENING', PROXY_PID),
      netstatLine('10.0.1.5', 23456, '10.0.0.20', 51234, 'ESTABLISHED', PROXY_PID),
      netstatLine('0.0.0.0', 5061, '0.0.0.0', 0, 'LISTENING', 1800),
    ]),
    tasklist: collected([
      { imageName: 'XmppProxy.exe', pid: PROXY_PID, services: ['RTCXMPPTGWPX'] },
      { imageName: 'RTCSrv.exe', pid: 1800, services: ['RTCSRV'] },
    ]),
    events: collected([]),
    sites: missing,
    topology: missing,
    edgeServices: collected([
      {
        identity: 'EdgeServer:edgepool.contoso.com',
        poolFqdn: 'edgepool.contoso.com',
        siteId: 'site:Redmond',
        accessEdgeExternalFqdn: 'sip.contoso.com',
        accessEdgeExternalSipPort: 5061,
        xmppListeningPort: 5269,
        xmppInternalPort: 23456,
        properties: {},
      },
    ]),
    accessEdge: collected({ identity: 'Global', allowFederatedUsers: true, allowOutsideUsers: true, enablePartnerDiscovery: false, useDnsSrvRouting: true, properties: {} }),
    externalAccessPolicies: collected([
      { identity: 'Global', enableFederationAccess: true, enableXmppAccess: true, enablePublicCloudAccess: false, enableOutsideAccess: true },
    ]),
    policyGrants: missing,
    xmppPartners: collected([
      {
        identity: 'jabber.org', domain: 'jabber.org', additionalDomains: [], partnerType: 'PublicVerified',
        tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported', supportDialbackNegotiation: true,
        enableKeepAlive: true, proxyFqdn: null, connectionLimit: null,
      },
    ]),
    xmppGateway: collected({ properties: {} }),
    certificates: collected([
      {
        use: 'AccessEdgeExternal', thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678', subject: 'CN=sip.contoso.com, O=Contoso',
        issuer: 'CN=Public CA', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-06-30T00:00:00.000Z',
        alternativeNames: ['sip.contoso.com', 'contoso.com'],
      },
    ]),
    rootStore: collected([{ subject: 'CN=Public Root', issuer: 'CN=Public Root', thumbprint: 'FF00' }]),
    replication: missing,
    dnsSrv: collected([{ query: '_xmpp-server._tcp.contoso.com', records: [{ target: 'sip.contoso.com', port: 5269, priority: 0, weight: 0 }], error: null }]),
    dnsA: collected([{ query: 'sip.contoso.com', addresses: ['203.0.113.10'], error: null }]),
  }
  return { ...base, ...overrides }
}
