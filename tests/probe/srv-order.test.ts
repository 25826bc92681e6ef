/** SRV answers → the targets to probe: order, de-duplication, XEP-0368 merge, fallback, limit, ".". */
import { describe, expect, it } from 'vitest'
import { isServiceRefused, orderSrvRecords, planTargets } from '../../src-shared/probe/srv-order'
import type { ProbeSrvRecord } from '../../src-shared/probe/probe-types'

const srv = (target: string, priority: number, weight: number, port = 5269, service: ProbeSrvRecord['service'] = 'xmpp-server'): ProbeSrvRecord => ({
  service,
  target,
  port,
  priority,
  weight,
})

describe('orderSrvRecords', () => {
  it('sorts by priority, then weight (heavier first), then direct TLS before STARTTLS, then name', () => {
    const ordered = orderSrvRecords([
      srv('c.test', 20, 0),
      srv('b.test', 10, 10),
      srv('a.test', 10, 10),
      srv('heavy.test', 10, 90),
      srv('tls.test', 10, 10, 5270, 'xmpps-server'),
    ])
    expect(ordered.map((r) => r.target)).toEqual(['heavy.test', 'tls.test', 'a.test', 'b.test', 'c.test'])
  })
})

describe('planTargets', () => {
  it('falls back to <domain>:<port> when there is no SRV record', () => {
    expect(planTargets('a.test', [], { fallbackPort: 5269, maxTargets: 8 })).toEqual({
      targets: [{ host: 'a.test', port: 5269, transport: 'starttls', source: 'fallback', priority: null, weight: null }],
      dropped: 0,
      fallbackUsed: true,
    })
  })

  it('merges both services, keeps duplicates once, and honours the limit', () => {
    const plan = planTargets(
      'a.test',
      [srv('x.a.test', 0, 0), srv('x.a.test', 0, 0), srv('x.a.test', 0, 0, 5270, 'xmpps-server'), srv('y.a.test', 5, 0), srv('z.a.test', 9, 0)],
      { fallbackPort: 5269, maxTargets: 3 },
    )
    expect(plan.targets.map((t) => `${t.transport}:${t.host}:${t.port}`)).toEqual([
      'direct-tls:x.a.test:5270',
      'starttls:x.a.test:5269',
      'starttls:y.a.test:5269',
    ])
    expect(plan.dropped).toBe(1)
    expect(plan.fallbackUsed).toBe(false)
  })

  it('treats a lone "." as the service refused, not as a host', () => {
    expect(isServiceRefused([srv('.', 0, 0, 0)])).toBe(true)
    expect(isServiceRefused([])).toBe(false)
    expect(planTargets('a.test', [srv('.', 0, 0, 0)], { fallbackPort: 5269, maxTargets: 8 }).targets).toEqual([])
  })
})
