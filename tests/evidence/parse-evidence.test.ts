import { describe, expect, it } from 'vitest'
import { EVIDENCE_FILE_NAMES, EVIDENCE_KEY_BY_FILE, type EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { editFixtureText, encodeText, loadFixtureFiles } from './evidence-test-files'

const FRONT_END_ONLY: readonly EvidenceFileName[] = ['policy-grants.json', 'replication.json']

describe('parseEvidence on the healthy fixtures', () => {
  it('collects every file of the Front End fixture', () => {
    const { evidence, diagnostics } = parseEvidence(loadFixtureFiles('healthy-frontend'))
    expect(diagnostics.map((d) => d.file)).toEqual([...EVIDENCE_FILE_NAMES])
    expect(diagnostics.filter((d) => d.state !== 'collected')).toEqual([])
    expect(diagnostics.every((d) => d.warnings.length === 0 && !d.truncated)).toBe(true)
    const replication = evidence.replication.state === 'collected' ? evidence.replication.value : []
    expect(replication.find((r) => r.replicaFqdn === 'edge01.contoso.com')).toMatchObject({ upToDate: true, lastStatusReport: '2026-11-20T01:24:51.000Z' })
    expect(evidence.services.state === 'collected' && evidence.services.value.find((s) => s.name === 'RTCXMPPTGW')).toMatchObject({
      displayName: 'Lync Server XMPP Translating Gateway',
      status: 'Running',
      // ISO 8601 with 7 fractional digits, as the collector's ToString('o') writes it.
      processStartTime: '2026-11-19T21:58:44.640Z',
    })
    expect(evidence.sites).toMatchObject({ state: 'collected', value: [{ xmppFederationRoute: 'EdgeServer:edgepool.contoso.com' }] })
    expect(evidence.policyGrants).toEqual({ state: 'collected', value: [{ policy: null, userCount: 240 }] })
    // dns-srv.json here is a bare Resolve-DnsName array (Type 33) with the target's A record in it.
    expect(evidence.dnsSrv).toEqual({
      state: 'collected',
      value: [{ query: '_xmpp-server._tcp.contoso.com', records: [{ target: 'sip.contoso.com', port: 5269, priority: 0, weight: 0 }], error: null }],
    })
  })

  it('collects the Edge fixture; the two Front End commands are missing with the collector reason', () => {
    const { evidence, diagnostics } = parseEvidence(loadFixtureFiles('healthy-edge'))
    for (const diagnostic of diagnostics) {
      if (FRONT_END_ONLY.includes(diagnostic.file)) {
        expect(diagnostic).toMatchObject({ state: 'missing', error: expect.stringMatching(/Front End only/) })
      } else {
        expect(diagnostic, diagnostic.file).toMatchObject({ state: 'collected', warnings: [], truncated: false })
      }
    }
    expect(evidence.replication).toMatchObject({ state: 'missing', reason: expect.stringMatching(/Front End only/) })
    expect(evidence.manifest).toMatchObject({ state: 'collected', value: { host: 'EDGE01', role: 'Edge', collectedAt: '2026-11-20T01:30:00.000Z' } })
    expect(evidence.serverVersion).toMatchObject({ value: { product: 'Lync Server 2013' } })
    const services = evidence.services.state === 'collected' ? evidence.services.value : []
    const proxy = services.find((s) => /XMPP Translating Gateway Proxy$/.test(s.displayName))
    // ProcessStartTime here is PS 5.1's "\/Date(ms)\/" (a DateTime through plain ConvertTo-Json).
    expect(proxy).toMatchObject({ status: 'Running', startType: 'Automatic', processId: 2412, processStartTime: '2026-11-19T22:04:11.531Z' })
    expect(evidence.edgeServices).toMatchObject({
      value: [{ poolFqdn: 'edgepool.contoso.com', accessEdgeExternalFqdn: 'sip.contoso.com', xmppListeningPort: 5269, xmppInternalPort: 23456 }],
    })
    expect(evidence.certificates.state === 'collected' && evidence.certificates.value[0]).toMatchObject({
      use: 'AccessEdgeExternal',
      notAfter: '2027-03-01T23:59:59.000Z',
      alternativeNames: ['sip.contoso.com', 'contoso.com', 'webconf.contoso.com'],
    })
    expect(evidence.xmppPartners).toMatchObject({
      value: [{ domain: 'jabber.org', tlsNegotiation: 'Optional', saslNegotiation: 'NotSupported', supportDialbackNegotiation: true }],
    })
    expect(evidence.externalAccessPolicies).toMatchObject({ value: [{ identity: 'Global', enableXmppAccess: true }] })
    expect(evidence.accessEdge).toMatchObject({ value: { allowFederatedUsers: true } })
    expect(evidence.dnsA).toEqual({ state: 'collected', value: [{ query: 'sip.contoso.com', addresses: ['203.0.113.10'], error: null }] })
    expect(evidence.events).toEqual({ state: 'collected', value: [] })
    expect(diagnostics.find((d) => d.file === 'services.json')?.encoding).toBe('utf-16le-bom')
    expect(diagnostics.find((d) => d.file === 'sites.json')?.encoding).toBe('utf-8-bom')
  })
})

describe('parseEvidence on damaged input', () => {
  it('treats absent files as missing, never as an error', () => {
    const { evidence, diagnostics } = parseEvidence(new Map())
    expect(Object.values(evidence).every((collected) => collected.state === 'missing')).toBe(true)
    expect(diagnostics).toHaveLength(EVIDENCE_FILE_NAMES.length)
  })

  it('a file whose command failed is missing with the reason, even when partial output is there', () => {
    const files = editFixtureText(loadFixtureFiles('healthy-edge'), 'manifest.json', (text) =>
      text.replace(
        /("name": "netstat.txt",\s*"command": "netstat -ano",\s*)"exitStatus": "ok",\s*"error": null/,
        '$1"exitStatus": "failed", "error": "Access is denied"',
      ),
    )
    const { evidence } = parseEvidence(files)
    expect(evidence.netstat).toEqual({ state: 'missing', reason: 'Access is denied' })
  })

  it('bad JSON in one file makes only that file unparseable, with file name and position', () => {
    const files = editFixtureText(loadFixtureFiles('healthy-edge'), 'xmpp-partners.json', (text) => text.replace('"TlsNegotiation":  "Optional",', '"TlsNegotiation":  Optional,'))
    const { evidence, diagnostics } = parseEvidence(files)
    expect(evidence.xmppPartners.state).toBe('unparseable')
    if (evidence.xmppPartners.state === 'unparseable') {
      expect(evidence.xmppPartners.error).toMatch(/^xmpp-partners\.json: Not valid JSON at line 10, column 28/)
      expect(evidence.xmppPartners.message?.['zh-TW']).toMatch(/xmpp-partners\.json：不是有效的 JSON（第 10 行第 28 欄）/)
    }
    expect(diagnostics.find((d) => d.file === 'xmpp-partners.json')).toMatchObject({ state: 'unparseable', encoding: 'utf-16le-bom' })
    expect(evidence.certificates.state).toBe('collected')
  })

  it('an unsupported manifest makes only the manifest unparseable', () => {
    const files = editFixtureText(loadFixtureFiles('healthy-frontend'), 'manifest.json', (text) => text.replace('"version": 1', '"version": 7'))
    const { evidence } = parseEvidence(files)
    expect(evidence.manifest).toMatchObject({ state: 'unparseable', error: expect.stringMatching(/version 7/) })
    expect(evidence.services.state).toBe('collected')
  })

  it('never throws, whatever bytes each file holds', () => {
    const garbageKinds: Uint8Array[] = [
      new Uint8Array([0x00, 0xff, 0x13, 0x37, 0x00, 0x00, 0x42]),
      encodeText('{"unclosed": [', 'utf-16le-bom'),
      encodeText('<<<>>>', 'utf-8'),
      encodeText('"just a string"', 'utf-8-bom'),
      encodeText('[1, 2, 3]', 'utf-8'),
      encodeText('null', 'utf-8'),
    ]
    for (const garbage of garbageKinds) {
      const files = new Map(EVIDENCE_FILE_NAMES.map((name) => [name, garbage] as const))
      const { evidence, diagnostics } = parseEvidence(files)
      expect(diagnostics).toHaveLength(EVIDENCE_FILE_NAMES.length)
      for (const name of EVIDENCE_FILE_NAMES) {
        const collected = evidence[EVIDENCE_KEY_BY_FILE[name]]
        expect(['collected', 'unparseable']).toContain(collected.state)
        if (collected.state === 'unparseable') expect(collected.error.startsWith(`${name}: `)).toBe(true)
      }
    }
  })

  it('never throws on truncated or bit-flipped copies of the fixtures (deterministic fuzz)', () => {
    let seed = 20261120
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (const fixture of ['healthy-edge', 'healthy-frontend'] as const) {
      const files = loadFixtureFiles(fixture)
      for (let round = 0; round < 40; round++) {
        const damaged = new Map(
          [...files].map(([name, bytes]) => {
            const copy = bytes.slice(0, Math.max(0, Math.floor(bytes.length * (0.5 + random() / 2))))
            for (let flip = 0; flip < 3 && copy.length > 0; flip++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256)
            return [name, copy] as const
          }),
        )
        const { evidence, diagnostics } = parseEvidence(damaged)
        expect(diagnostics).toHaveLength(EVIDENCE_FILE_NAMES.length)
        for (const collected of Object.values(evidence)) expect(['collected', 'missing', 'unparseable']).toContain(collected.state)
      }
    }
  })

  it('reports text in a wrong encoding as not text', () => {
    const binary = new Uint8Array(2048).map((_, i) => (i * 97 + 13) % 256)
    const { evidence } = parseEvidence(new Map([['services.json', binary]]))
    expect(evidence.services).toMatchObject({ state: 'unparseable', error: expect.stringMatching(/not text/) })
  })

  it('marks a capped file as truncated', () => {
    const line = '  TCP    10.0.0.1:50000         10.0.0.2:443           ESTABLISHED     7\r\n'
    const { evidence, diagnostics } = parseEvidence(new Map([['netstat.txt', encodeText(line.repeat(100_010), 'utf-8')]]))
    expect(evidence.netstat).toMatchObject({ state: 'collected', truncated: true })
    expect(diagnostics.find((d) => d.file === 'netstat.txt')?.truncated).toBe(true)
  })
})
