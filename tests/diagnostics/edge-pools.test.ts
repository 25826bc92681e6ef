/** Which Edge pool this server is in, and which pools serve XMPP (issue 9 item 2). */
import { describe, expect, it } from 'vitest'
import type { EdgeService, Evidence } from '../../src-shared/evidence/evidence-model'
import { expectedExternalPort, preferredAccessEdgeFqdn, thisEdgePool, xmppEdgePools } from '../../src-shared/diagnostics/evidence-access'
import { collected, healthyEdgeEvidence } from './evidence-builder'

const pool = (fqdn: string, external: string, xmppPort: number | null): EdgeService => ({
  identity: `EdgeServer:${fqdn}`, poolFqdn: fqdn, siteId: null, accessEdgeExternalFqdn: external, accessEdgeExternalSipPort: 5061,
  xmppListeningPort: xmppPort, xmppInternalPort: null, properties: {},
})
const TAIPEI = pool('edgepool.contoso.com', 'sip.contoso.com', 5269)
const KAOHSIUNG = pool('edgepool2.contoso.com', 'sip2.contoso.com', 5270)

function evidence(edges: EdgeService[], computer: { pool?: string; fqdn?: string } = {}, extra: Partial<Evidence> = {}): Evidence {
  const base = healthyEdgeEvidence()
  if (base.manifest.state !== 'collected') throw new Error('fixture')
  return healthyEdgeEvidence({ manifest: collected({ ...base.manifest.value, ...computer }), edgeServices: collected(edges), ...extra })
}

describe('this Edge pool', () => {
  it('is the pool the collector recorded, else the pool named like this computer, else the only pool', () => {
    expect(thisEdgePool(evidence([TAIPEI, KAOHSIUNG], { pool: 'EdgePool2.contoso.com' }))).toBe(KAOHSIUNG)
    expect(thisEdgePool(evidence([TAIPEI, KAOHSIUNG], { fqdn: 'edgepool2.contoso.com' }))).toBe(KAOHSIUNG)
    expect(thisEdgePool(evidence([TAIPEI]))).toBe(TAIPEI)
    expect(thisEdgePool(evidence([TAIPEI, KAOHSIUNG]))).toBeNull()
  })

  it('gives fixes and the expected port of this pool, not the first one listed', () => {
    const ours = evidence([TAIPEI, KAOHSIUNG], { pool: 'edgepool2.contoso.com' })
    expect(preferredAccessEdgeFqdn(ours)).toBe('sip2.contoso.com')
    expect(expectedExternalPort(ours)).toBe(5270)
  })
})

describe('pools that serve XMPP', () => {
  it('leaves out a pool with no XMPP listening port', () => {
    const noXmpp = pool('edgepool3.contoso.com', 'sip3.contoso.com', null)
    expect(xmppEdgePools(evidence([TAIPEI, noXmpp]))).toEqual([TAIPEI])
  })

  it('counts a pool a site routes XMPP through, and every pool when nothing tells', () => {
    const unknown = [pool('a.contoso.com', 'sip.contoso.com', null), pool('b.contoso.com', 'sip2.contoso.com', null)]
    expect(xmppEdgePools(evidence(unknown))).toHaveLength(2)
    const sites = collected([{ identity: 'Site:Taipei', siteId: '1', federationRoute: null, xmppFederationRoute: 'EdgeServer:b.contoso.com' }])
    expect(xmppEdgePools(evidence(unknown, {}, { sites })).map((e) => e.poolFqdn)).toEqual(['b.contoso.com'])
  })
})

describe('this Edge pool from the topology', () => {
  const topology = collected({
    xmppMentions: [],
    edgePools: [
      { fqdn: 'edgepool.contoso.com', siteId: 'Site:Taipei', machines: ['edge01.contoso.com'] },
      { fqdn: 'edgepool2.contoso.com', siteId: 'Site:Kaohsiung', machines: ['edge02.contoso.com', 'edge03.contoso.com'] },
    ],
  })

  it('finds the pool whose machines include this computer, by FQDN or (older evidence) by host name', () => {
    expect(thisEdgePool(evidence([TAIPEI, KAOHSIUNG], { fqdn: 'edge03.contoso.com' }, { topology }))).toBe(KAOHSIUNG)
    const base = healthyEdgeEvidence().manifest
    if (base.state !== 'collected') throw new Error('fixture')
    const older = healthyEdgeEvidence({ manifest: collected({ ...base.value, host: 'EDGE02' }), edgeServices: collected([TAIPEI, KAOHSIUNG]), topology })
    expect(thisEdgePool(older)).toBe(KAOHSIUNG)
  })
})
