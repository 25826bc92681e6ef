/**
 * The fields the collector added for several pools, sites and domains (manifest fqdn/pool/eventDays/notes, file
 * notes, site DisplayName/Pools, grants by RegistrarPool, the answering DNS server), read from both shapes a
 * server can produce: Windows PowerShell 5.1 (UTF-16LE with BOM from ">", 4-space JSON, "\/Date(ms)\/" dates, enums
 * as numbers) and PowerShell 7 (UTF-8 without BOM, 2-space JSON, ISO 8601). Shapes as Microsoft documents them
 * (ConvertTo-Json, Out-File encodings), written by hand here; older evidence without the fields still reads.
 */
import { describe, expect, it } from 'vitest'
import type { EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'

/** UTF-16LE with a byte order mark, as Windows PowerShell 5.1's ">" and Out-File write. */
function utf16le(text: string): Uint8Array {
  const body = Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')
  return Buffer.concat([Buffer.from([0xff, 0xfe]), body])
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const PS51: Record<string, string> = {
  'manifest.json': `{
    "format":  "xmpp-edge-doctor/evidence",
    "version":  1,
    "host":  "EDGE01.contoso.local",
    "fqdn":  "EDGE01.contoso.local",
    "pool":  "EdgePool.contoso.local",
    "role":  "Edge",
    "collectedAt":  "\\/Date(1795138200000)\\/",
    "eventDays":  7,
    "sipDomains":  [
                       "contoso.com",
                       "fabrikam.com"
                   ],
    "xmppDomains":  [
                        "contoso.com"
                    ],
    "collector":  "Collect-XmppEvidence.ps1 0.1.0",
    "notes":  [
                  "Get-CsSipDomain failed; SIP domains read from the topology instead."
              ],
    "files":  [
                  {
                      "name":  "dns-srv.json",
                      "command":  "Resolve-DnsName",
                      "exitStatus":  "ok",
                      "error":  null,
                      "durationMs":  41,
                      "notes":  [
                                    "Answered by this server's own resolvers (10.0.0.53), which may be internal DNS (split-brain)."
                                ]
                  }
              ]
}`,
  'sites.json': `[
    {
        "Identity":  "Site:Taipei",
        "SiteId":  "1",
        "DisplayName":  "Taipei",
        "Pools":  [
                      "FE-Pool.contoso.local",
                      "edgepool.contoso.local"
                  ],
        "FederationRoute":  "EdgeServer:edgepool.contoso.local",
        "XmppFederationRoute":  "EdgeServer:edgepool.contoso.local"
    }
]`,
  'policy-grants.json': `[
    {
        "Policy":  null,
        "RegistrarPool":  "FE-Pool.contoso.local",
        "UserCount":  240
    },
    {
        "Policy":  "XmppUsers",
        "RegistrarPool":  "fe-pool2.contoso.local",
        "UserCount":  12
    }
]`,
  'dns-srv.json': `[
    {
        "Query":  "_xmpp-server._tcp.contoso.com",
        "Server":  "10.0.0.53",
        "Records":  [
                        {
                            "Name":  "_xmpp-server._tcp.contoso.com",
                            "Type":  33,
                            "Section":  1,
                            "TTL":  3600,
                            "NameTarget":  "sip.contoso.com",
                            "Port":  5269,
                            "Priority":  0,
                            "Weight":  0,
                            "IPAddress":  null
                        }
                    ],
        "Error":  null
    }
]`,
  'services.json': `[
    {
        "Name":  "RTCXMPPTGWPX",
        "DisplayName":  "Lync Server XMPP Translating Gateway Proxy",
        "Status":  4,
        "StartType":  "Disabled",
        "ProcessId":  2412,
        "ProcessStartTime":  "\\/Date(1795125821109)\\/"
    }
]`,
}

/** The same content as PowerShell 7 writes it. */
const PS7: Record<string, string> = {
  'manifest.json': JSON.stringify(
    {
      format: 'xmpp-edge-doctor/evidence',
      version: 1,
      host: 'EDGE01.contoso.local',
      fqdn: 'EDGE01.contoso.local',
      pool: 'EdgePool.contoso.local',
      role: 'Edge',
      collectedAt: '2026-11-20T01:30:00.0000000Z',
      eventDays: 7,
      sipDomains: ['contoso.com', 'fabrikam.com'],
      xmppDomains: ['contoso.com'],
      collector: 'Collect-XmppEvidence.ps1 0.1.0',
      notes: ['Get-CsSipDomain failed; SIP domains read from the topology instead.'],
      files: [
        {
          name: 'dns-srv.json',
          command: 'Resolve-DnsName',
          exitStatus: 'ok',
          error: null,
          durationMs: 41,
          notes: ["Answered by this server's own resolvers (10.0.0.53), which may be internal DNS (split-brain)."],
        },
      ],
    },
    null,
    2,
  ),
  'sites.json': JSON.stringify(
    [{ Identity: 'Site:Taipei', SiteId: '1', DisplayName: 'Taipei', Pools: ['FE-Pool.contoso.local', 'edgepool.contoso.local'], FederationRoute: 'EdgeServer:edgepool.contoso.local', XmppFederationRoute: 'EdgeServer:edgepool.contoso.local' }],
    null,
    2,
  ),
  'policy-grants.json': JSON.stringify(
    [
      { Policy: null, RegistrarPool: 'FE-Pool.contoso.local', UserCount: 240 },
      { Policy: 'XmppUsers', RegistrarPool: 'fe-pool2.contoso.local', UserCount: 12 },
    ],
    null,
    2,
  ),
  'dns-srv.json': JSON.stringify(
    [{ Query: '_xmpp-server._tcp.contoso.com', Server: '10.0.0.53', Records: [{ Name: '_xmpp-server._tcp.contoso.com', Type: 'SRV', Section: 'Answer', TTL: 3600, NameTarget: 'sip.contoso.com', Port: 5269, Priority: 0, Weight: 0, IPAddress: null }], Error: null }],
    null,
    2,
  ),
  'services.json': JSON.stringify(
    [{ Name: 'RTCXMPPTGWPX', DisplayName: 'Lync Server XMPP Translating Gateway Proxy', Status: 'Running', StartType: 'Disabled', ProcessId: 2412, ProcessStartTime: '2026-11-19T22:03:41.1090000Z' }],
    null,
    2,
  ),
}

function filesOf(texts: Record<string, string>, encode: (text: string) => Uint8Array): Map<EvidenceFileName, Uint8Array> {
  return new Map(Object.entries(texts).map(([name, text]) => [name as EvidenceFileName, encode(text)]))
}

describe.each([
  ['Windows PowerShell 5.1 (UTF-16LE, 4-space, \\/Date()\\/, enums as numbers)', filesOf(PS51, utf16le)],
  ['PowerShell 7 (UTF-8, 2-space, ISO 8601)', filesOf(PS7, utf8)],
])('the collector fields in %s', (_shape, files) => {
  const { evidence, diagnostics } = parseEvidence(files)

  it('parse without errors or warnings', () => {
    for (const diagnostic of diagnostics.filter((d) => files.has(d.file))) {
      expect(diagnostic.state, diagnostic.file).toBe('collected')
      expect(diagnostic.warnings, diagnostic.file).toEqual([])
    }
  })

  it('give the FQDN, the pool, the event window and the notes of the manifest', () => {
    const manifest = evidence.manifest.state === 'collected' ? evidence.manifest.value : null
    expect(manifest).toMatchObject({
      fqdn: 'edge01.contoso.local',
      pool: 'edgepool.contoso.local',
      eventDays: 7,
      sipDomains: ['contoso.com', 'fabrikam.com'],
      collectedAt: '2026-11-20T01:30:00.000Z',
      notes: ['Get-CsSipDomain failed; SIP domains read from the topology instead.'],
    })
    expect(manifest?.files[0]?.notes?.[0]).toMatch(/split-brain/)
  })

  it('give each site its pools and each grant its registrar pool, in lower case', () => {
    const sites = evidence.sites.state === 'collected' ? evidence.sites.value : []
    expect(sites[0]).toMatchObject({ displayName: 'Taipei', pools: ['fe-pool.contoso.local', 'edgepool.contoso.local'] })
    const grants = evidence.policyGrants.state === 'collected' ? evidence.policyGrants.value : []
    expect(grants).toEqual([
      { policy: null, userCount: 240, registrarPool: 'fe-pool.contoso.local' },
      { policy: 'XmppUsers', userCount: 12, registrarPool: 'fe-pool2.contoso.local' },
    ])
  })

  it('give the DNS server that answered, and the start type the collector took from Win32_Service', () => {
    const srv = evidence.dnsSrv.state === 'collected' ? evidence.dnsSrv.value : []
    expect(srv[0]).toMatchObject({ query: '_xmpp-server._tcp.contoso.com', server: '10.0.0.53', records: [{ target: 'sip.contoso.com', port: 5269 }] })
    const services = evidence.services.state === 'collected' ? evidence.services.value : []
    expect(services[0]).toMatchObject({ name: 'RTCXMPPTGWPX', status: 'Running', startType: 'Disabled', processStartTime: '2026-11-19T22:03:41.109Z' })
  })
})

describe('older evidence without the new fields', () => {
  it('leaves them absent rather than inventing values', () => {
    const old = filesOf(
      {
        'manifest.json': JSON.stringify({ format: 'xmpp-edge-doctor/evidence', version: 1, host: 'EDGE01', role: 'Edge', collectedAt: '2026-11-20T01:30:00Z', sipDomains: [], xmppDomains: ['contoso.com'], collector: 'x', files: [{ name: 'sites.json', command: 'Get-CsSite', exitStatus: 'ok', error: null, durationMs: 1 }] }),
        'sites.json': JSON.stringify([{ Identity: 'Site:Taipei', SiteId: '1', FederationRoute: null, XmppFederationRoute: null }]),
        'policy-grants.json': JSON.stringify([{ Policy: null, UserCount: 3 }]),
      },
      utf8,
    )
    const { evidence } = parseEvidence(old)
    const manifest = evidence.manifest.state === 'collected' ? evidence.manifest.value : null
    expect(manifest && 'fqdn' in manifest).toBe(false)
    expect(manifest && 'notes' in (manifest.files[0] ?? {})).toBe(false)
    const site = evidence.sites.state === 'collected' ? evidence.sites.value[0] : null
    expect(site && 'pools' in site).toBe(false)
    expect(evidence.policyGrants.state === 'collected' && evidence.policyGrants.value).toEqual([{ policy: null, userCount: 3 }])
  })
})
