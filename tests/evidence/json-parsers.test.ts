import { describe, expect, it } from 'vitest'
import { createParseNotes } from '../../src-shared/evidence/parse-notes'
import { parseAccessEdge } from '../../src-shared/evidence/parsers/access-edge'
import { parseCertificates } from '../../src-shared/evidence/parsers/certificates'
import { parseDnsA } from '../../src-shared/evidence/parsers/dns-a'
import { parseDnsSrv } from '../../src-shared/evidence/parsers/dns-srv'
import { parseEdgeServices } from '../../src-shared/evidence/parsers/edge-services'
import { parseEvents } from '../../src-shared/evidence/parsers/events'
import { parseManifest } from '../../src-shared/evidence/parsers/manifest'
import { parsePolicyGrants } from '../../src-shared/evidence/parsers/policy-grants'
import { parseServices } from '../../src-shared/evidence/parsers/services'
import { parseSites } from '../../src-shared/evidence/parsers/sites'
import { parseXmppGateway, REDACTED_VALUE } from '../../src-shared/evidence/parsers/xmpp-gateway'
import { parseXmppPartners } from '../../src-shared/evidence/parsers/xmpp-partners'

describe('services.json', () => {
  it('reads PS 5.1 numbers, names and Win32_Service spellings', () => {
    const source = `[
      {"Name": "RTCXMPPTGWPX", "DisplayName": "Lync Server XMPP Translating Gateway Proxy", "Status": 4, "StartType": 2, "ProcessId": 2412},
      {"name": "RTCSRV", "displayname": "Lync Server Access Edge", "status": "Stopped", "starttype": "Disabled"},
      {"Name": "REPLICA", "DisplayName": "Lync Server Replica Replicator Agent", "State": "Start Pending", "StartMode": "Auto", "ProcessId": 0},
      {"DisplayName": "no name"}
    ]`
    const notes = createParseNotes()
    expect(parseServices(source, notes)).toEqual([
      { name: 'RTCXMPPTGWPX', displayName: 'Lync Server XMPP Translating Gateway Proxy', status: 'Running', startType: 'Automatic', processId: 2412 },
      { name: 'RTCSRV', displayName: 'Lync Server Access Edge', status: 'Stopped', startType: 'Disabled', processId: null },
      { name: 'REPLICA', displayName: 'Lync Server Replica Replicator Agent', status: 'StartPending', startType: 'Automatic', processId: null },
    ])
    expect(notes.warnings).toEqual(['skipped a service without a Name'])
  })

  it('accepts a single unwrapped object and an empty file', () => {
    expect(parseServices('{"Name": "RTCSRV", "DisplayName": "x", "Status": 1, "StartType": 3}')).toHaveLength(1)
    expect(parseServices('')).toEqual([])
  })

  it('reads ProcessStartTime as ISO text or PS 5.1 \\/Date()\\/, null when unavailable, absent when not collected', () => {
    const source = `[
      {"Name": "RTCSRV", "Status": "Running", "ProcessId": 1964, "ProcessStartTime": "2026-11-19T22:04:11.5312500Z"},
      {"Name": "RTCXMPPTGWPX", "Status": 4, "ProcessId": 2412, "processstarttime": "\\/Date(1795125851531)\\/"},
      {"Name": "REPLICA", "Status": 4, "ProcessId": 1832, "ProcessStartTime": "2026-11-20T06:04:11.5312500+08:00"},
      {"Name": "RTCMRAUTH", "Status": 1, "ProcessId": 0, "ProcessStartTime": null},
      {"Name": "RTCDATAPROXY", "Status": 4, "ProcessId": 2080, "ProcessStartTime": "11/20/2026 06:04:11"},
      {"Name": "RTCCLSAGT", "Status": 4, "ProcessId": 1720}
    ]`
    const notes = createParseNotes()
    const services = parseServices(source, notes)
    expect(services.map((s) => [s.name, s.processStartTime])).toEqual([
      ['RTCSRV', '2026-11-19T22:04:11.531Z'],
      ['RTCXMPPTGWPX', '2026-11-19T22:04:11.531Z'],
      ['REPLICA', '2026-11-19T22:04:11.531Z'],
      ['RTCMRAUTH', null],
      ['RTCDATAPROXY', null],
      ['RTCCLSAGT', undefined],
    ])
    // Older evidence has no column at all: the property is left out, not set to null.
    expect(Object.hasOwn(services[5]!, 'processStartTime')).toBe(false)
    expect(notes.warnings).toEqual(['service RTCDATAPROXY: ProcessStartTime is not in a date format we read'])
  })
})

describe('events.json', () => {
  it('reads Get-WinEvent output with \\/Date()\\/ times', () => {
    const source = `{"TimeCreated": "\\/Date(1795137000000)\\/", "Id": 1000, "Level": 2, "LevelDisplayName": "錯誤",
      "ProviderName": "LS User Services", "Message": "A \\u003ctest\\u003e message"}`
    expect(parseEvents(source)).toEqual([
      { timeCreated: '2026-11-20T01:10:00.000Z', id: 1000, level: 2, levelDisplayName: '錯誤', providerName: 'LS User Services', message: 'A <test> message' },
    ])
  })
})

describe('topology and configuration files', () => {
  it('sites: empty routes are null', () => {
    expect(parseSites('{"Identity": "Site:Taipei", "SiteId": 1, "FederationRoute": "", "XmppFederationRoute": null}')).toEqual([
      { identity: 'Site:Taipei', siteId: '1', federationRoute: null, xmppFederationRoute: null },
    ])
  })

  it('edge services: numeric strings, lower-cased FQDNs, all properties kept', () => {
    const [edge] = parseEdgeServices('{"Identity": "EdgeServer:EdgePool.contoso.com", "PoolFqdn": "EdgePool.contoso.com", "XmppListeningPort": "5269", "Extra": "\\/Date(0)\\/"}')
    expect(edge).toMatchObject({ poolFqdn: 'edgepool.contoso.com', xmppListeningPort: 5269, xmppInternalPort: null })
    expect(edge?.properties.Extra).toBe('1970-01-01T00:00:00.000Z')
  })

  it('access edge: one object, an array of one accepted, empty refused', () => {
    expect(parseAccessEdge('[{"Identity": "Global", "AllowFederatedUsers": "True"}]').allowFederatedUsers).toBe(true)
    expect(() => parseAccessEdge('')).toThrow(/empty/)
    expect(() => parseAccessEdge('[]')).toThrow(/no object/)
  })

  it('policy grants: collector shape and Group-Object shape', () => {
    expect(parsePolicyGrants('[{"Policy": null, "UserCount": 240}, {"Policy": "Tag:FedPic", "UserCount": 3}]')).toEqual([
      { policy: null, userCount: 240 },
      { policy: 'Tag:FedPic', userCount: 3 },
    ])
    expect(parsePolicyGrants('[{"Name": "", "Count": 240}, {"Name": "FedPic", "Count": 3}]')).toEqual([
      { policy: null, userCount: 240 },
      { policy: 'FedPic', userCount: 3 },
    ])
  })
})

describe('XMPP partners and gateway', () => {
  it('keeps undocumented enum numbers raw, never guessed', () => {
    const [partner] = parseXmppPartners(
      '{"Identity": "jabber.org", "PartnerType": 2, "TlsNegotiation": 1, "SaslNegotiation": 0, "SupportDialbackNegotiation": true, "AdditionalDomains": "conference.jabber.org"}',
    )
    expect(partner).toMatchObject({
      domain: 'jabber.org',
      partnerType: { raw: '2' },
      tlsNegotiation: { raw: '1' },
      saslNegotiation: { raw: '0' },
      supportDialbackNegotiation: true,
      additionalDomains: ['conference.jabber.org'],
    })
  })

  it('reads names as Lync prints them', () => {
    const [partner] = parseXmppPartners(
      '[{"Identity": "jabber.org", "Domain": "Jabber.org", "PartnerType": "PublicUnverified", "TlsNegotiation": "Optional", "SaslNegotiation": "NotSupported", "SupportDialbackNegotiation": "True", "EnableKeepAlive": false, "ConnectionLimit": 10}]',
    )
    expect(partner).toEqual({
      identity: 'jabber.org',
      domain: 'jabber.org',
      additionalDomains: [],
      partnerType: 'PublicUnverified',
      tlsNegotiation: 'Optional',
      saslNegotiation: 'NotSupported',
      supportDialbackNegotiation: true,
      enableKeepAlive: false,
      proxyFqdn: null,
      connectionLimit: 10,
    })
  })

  it('redacts a dialback passphrase that slipped into the gateway file', () => {
    const notes = createParseNotes()
    const gateway = parseXmppGateway('{"Identity": "Global", "DialbackPassphrase": "s3cret", "KeepAliveInterval": 300}', notes)
    expect(gateway.properties.DialbackPassphrase).toBe(REDACTED_VALUE)
    expect(JSON.stringify(gateway)).not.toContain('s3cret')
    expect(notes.warnings[0]).toMatch(/redacted/)
  })
})

describe('certificates.json', () => {
  it('reads dates, SANs and upper-cases thumbprints; a numeric Use stays raw', () => {
    const source = `[
      {"Use": "AccessEdgeExternal", "Thumbprint": "5f2a", "Subject": "CN=sip.contoso.com", "Issuer": "CN=CA",
       "NotBefore": "\\/Date(1772323200000)\\/", "NotAfter": "2027-03-01T23:59:59.0000000Z", "AlternativeNames": ["sip.contoso.com", "contoso.com"]},
      {"Use": 4, "Thumbprint": "AB", "AlternativeNames": "only.contoso.com", "NotAfter": "1. März 2027"}
    ]`
    const notes = createParseNotes()
    const [external, raw] = parseCertificates(source, notes)
    expect(external).toEqual({
      use: 'AccessEdgeExternal',
      thumbprint: '5F2A',
      subject: 'CN=sip.contoso.com',
      issuer: 'CN=CA',
      notBefore: '2026-03-01T00:00:00.000Z',
      notAfter: '2027-03-01T23:59:59.000Z',
      alternativeNames: ['sip.contoso.com', 'contoso.com'],
    })
    expect(raw).toMatchObject({ use: '4', useIsRaw: true, alternativeNames: ['only.contoso.com'], notAfter: null })
    expect(notes.warnings[0]).toMatch(/NotAfter/)
  })
})

describe('dns-srv.json and dns-a.json', () => {
  it('reads the collector shape, skipping non-SRV records', () => {
    const source = `[
      {"Query": "_xmpp-server._tcp.contoso.com", "Records": [
        {"Name": "_xmpp-server._tcp.contoso.com", "Type": "SRV", "NameTarget": "SIP.contoso.com.", "Port": 5269, "Priority": 0, "Weight": 0},
        {"Name": "sip.contoso.com", "Type": "A", "IPAddress": "203.0.113.10"}], "Error": null},
      {"Query": "_xmpp-server._tcp.fabrikam.com", "Records": [], "Error": "DNS name does not exist"}
    ]`
    expect(parseDnsSrv(source)).toEqual([
      { query: '_xmpp-server._tcp.contoso.com', records: [{ target: 'sip.contoso.com', port: 5269, priority: 0, weight: 0 }], error: null },
      { query: '_xmpp-server._tcp.fabrikam.com', records: [], error: 'DNS name does not exist' },
    ])
  })

  it('groups a bare Resolve-DnsName array by Name (numbers for types)', () => {
    const source = `[
      {"Name": "_xmpp-server._tcp.contoso.com", "Type": 33, "NameTarget": "sip1.contoso.com", "Port": 5269, "Priority": 10, "Weight": 50},
      {"Name": "_xmpp-server._tcp.contoso.com", "Type": 33, "NameTarget": "sip2.contoso.com", "Port": 5269, "Priority": 20, "Weight": 50},
      {"Name": "sip1.contoso.com", "Type": 1, "IP4Address": "203.0.113.10"}
    ]`
    const lookups = parseDnsSrv(source)
    expect(lookups).toHaveLength(1)
    expect(lookups[0]?.records.map((r) => `${r.target}:${r.priority}`)).toEqual(['sip1.contoso.com:10', 'sip2.contoso.com:20'])
  })

  it('follows a CNAME chain in a bare A answer and keeps AAAA', () => {
    const source = `[
      {"Name": "sip.contoso.com", "Type": 5, "NameHost": "edge-ext.contoso.net"},
      {"Name": "edge-ext.contoso.net", "Type": 1, "IPAddress": "203.0.113.10"},
      {"Name": "edge-ext.contoso.net", "Type": 28, "IPAddress": "2001:db8::10"}
    ]`
    expect(parseDnsA(source)).toEqual([{ query: 'sip.contoso.com', addresses: ['203.0.113.10', '2001:db8::10'], error: null }])
  })

  it('says how to fix records flattened by ConvertTo-Json -Depth 2', () => {
    const flattened = '[{"Query": "_xmpp-server._tcp.contoso.com", "Records": ["Microsoft.DnsClient.Commands.DnsRecord_SRV"], "Error": null}]'
    expect(() => parseDnsSrv(flattened)).toThrow(/-Depth 5/)
  })
})

describe('manifest.json', () => {
  const manifest = (extra: string) =>
    `{"format": "xmpp-edge-doctor/evidence", "version": 1, "host": "EDGE01", "role": "edge", "collectedAt": "\\/Date(1795138200000)\\/",
      "sipDomains": "Contoso.com", "xmppDomains": ["contoso.com"], "collector": "test", "files": [${extra}]}`

  it('normalizes role, domains and dates, and reads file entries', () => {
    const parsed = parseManifest(manifest('{"name": "netstat.txt", "command": "netstat -ano", "exitStatus": "Failed", "error": "Access denied", "durationMs": 12}'))
    expect(parsed).toMatchObject({
      role: 'Edge',
      collectedAt: '2026-11-20T01:30:00.000Z',
      sipDomains: ['contoso.com'],
      files: [{ name: 'netstat.txt', exitStatus: 'failed', error: 'Access denied', durationMs: 12 }],
    })
  })

  it('rejects another format or version', () => {
    expect(() => parseManifest('{"format": "something", "version": 1}')).toThrow(/format/)
    expect(() => parseManifest(manifest('').replace('"version": 1', '"version": 2'))).toThrow(/version 2/)
  })
})
