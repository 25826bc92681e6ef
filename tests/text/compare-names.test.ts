import { describe, expect, it } from 'vitest'
import { compareNames } from '../../src-shared/text/compare-names'

const sign = (n: number): number => Math.sign(n)

describe('compareNames', () => {
  it('agrees with localeCompare on every pair of short plain names', () => {
    const alphabet = 'abz09.-'.split('')
    const names = ['']
    for (const x of alphabet) {
      names.push(x)
      for (const y of alphabet) names.push(x + y)
    }
    for (const a of names) for (const b of names) expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(a.localeCompare(b)))
  })

  it('agrees with localeCompare on evidence-like names and on names it leaves to ICU', () => {
    const names = [
      'services.json', 'Services.json', 'dns-srv.json', 'dns-a.json', 'dns_srv.json', 'event-log.json', 'tasklist.csv',
      'netstat.txt', 'manifest.json', 'cert-store.json', 'Ärger.txt', '事件.json', 'a_b', 'a-b', 'a.b', 'healthy-edge',
      'healthy-edge-zh-tw', 'incident-edge-proxy-stopped', 'z9', 'z10',
    ]
    const byLocale = [...names].sort((a, b) => a.localeCompare(b))
    expect([...names].sort(compareNames)).toEqual(byLocale)
  })
})
