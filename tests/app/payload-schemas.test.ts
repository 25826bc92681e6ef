import { describe, expect, it } from 'vitest'
import { INVOKE_METHODS } from '../../src-shared/ipc/api-contract'
import { PAYLOAD_SCHEMAS, PayloadError, validatePayload } from '../../src-shared/ipc/payload-schemas'
import { isRunnableOn } from '../../src-shared/ipc/runnable-fix'
import type { Fix } from '../../src-shared/diagnostics/check-types'

const RUN = 'run-0123456789ab'

describe('payload schemas', () => {
  it('has a schema for every invoke channel', () => {
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...INVOKE_METHODS].sort())
  })

  it('accepts well-formed requests and normalizes domains', () => {
    expect(validatePayload('getAppInfo', undefined)).toBeUndefined()
    expect(validatePayload('runScenario', { runId: RUN, name: 'healthy-edge' })).toEqual({ runId: RUN, name: 'healthy-edge' })
    expect(validatePayload('diagnoseLive', { runId: RUN, domains: ['Contoso.COM.'] })).toEqual({ runId: RUN, domains: ['contoso.com'] })
    expect(validatePayload('answerQuestion', { runId: RUN, nodeId: 'setup-2–3', answerId: 'yes' })).toMatchObject({ nodeId: 'setup-2–3' })
    expect(validatePayload('listSessions', {})).toEqual({})
    expect(validatePayload('listSessions', { search: 'cert', limit: 10 })).toEqual({ search: 'cert', limit: 10 })
    expect(validatePayload('saveReport', { sessionId: 3, format: 'pdf', locale: 'zh-TW' })).toEqual({ sessionId: 3, format: 'pdf', locale: 'zh-TW' })
  })

  const bad: [string, Parameters<typeof validatePayload>[0], unknown][] = [
    ['an unknown key', 'runScenario', { runId: RUN, name: 'healthy-edge', extra: 1 }],
    ['a missing key', 'runScenario', { runId: RUN }],
    ['a wrong type', 'openSession', { sessionId: '1' }],
    ['a fractional id', 'openSession', { sessionId: 1.5 }],
    ['a path in a scenario name', 'runScenario', { runId: RUN, name: '../../etc/passwd' }],
    ['a short run id', 'cancelRun', { runId: 'x' }],
    ['a run id with odd characters', 'cancelRun', { runId: 'run-0123/456789' }],
    ['a domain with shell syntax', 'probeDomain', { runId: RUN, domain: 'contoso.com; rm -rf /' }],
    ['a single-label domain', 'probeDomain', { runId: RUN, domain: 'localhost' }],
    ['an IP address as domain', 'probeDomain', { runId: RUN, domain: '10.0.0.1' }],
    ['too many domains', 'diagnoseLive', { runId: RUN, domains: Array.from({ length: 21 }, (_, i) => `d${i}.contoso.com`) }],
    ['an over-long note', 'addNote', { sessionId: 1, body: 'x'.repeat(100_001) }],
    ['an empty note', 'addNote', { sessionId: 1, body: '' }],
    ['an over-long search', 'listSessions', { search: 'x'.repeat(201) }],
    ['an unknown report format', 'saveReport', { sessionId: 1, format: 'exe', locale: 'en' }],
    ['an unknown locale', 'saveReport', { sessionId: 1, format: 'html', locale: 'fr' }],
    ['a payload where none is taken', 'getAppInfo', { any: 1 }],
    ['an array instead of an object', 'runScenario', [RUN, 'healthy-edge']],
    ['null', 'runScenario', null],
    ['a short token', 'runConfirmedAction', { token: 'abc' }],
    ['an over-long command', 'proposeAction', { runId: RUN, command: 'x'.repeat(2001) }],
    ['an unknown evidence kind', 'openEvidence', { runId: RUN, kind: 'url', domains: [], partners: [] }],
  ]
  it.each(bad)('rejects %s', (_what, method, payload) => {
    expect(() => validatePayload(method, payload)).toThrow(PayloadError)
  })

  it('rejects objects that are not plain (prototype tricks)', () => {
    const tricky = Object.create({ inherited: true }) as Record<string, unknown>
    tricky.runId = RUN
    expect(() => validatePayload('cancelRun', tricky)).toThrow(PayloadError)
    expect(() => validatePayload('cancelRun', JSON.parse(`{"runId":"${RUN}","__proto__":{"x":1}}`))).toThrow(PayloadError)
  })

  it('says which field is wrong, in both languages', () => {
    try {
      validatePayload('openSession', { sessionId: 'one' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(PayloadError)
      expect((error as PayloadError).path).toBe('sessionId')
      expect((error as PayloadError).userMessage['zh-TW']).toContain('sessionId')
    }
  })
})

describe('runnable fixes', () => {
  const fix = (runOn: Fix['runOn'], commands: string[]): Fix => ({ description: { en: '', 'zh-TW': '' }, commands, runOn, changesServer: true })
  it('offers only complete commands meant for this kind of server', () => {
    expect(isRunnableOn(fix('edge', ['Start-CsWindowsService']), 'Start-CsWindowsService', 'Edge')).toBe(true)
    expect(isRunnableOn(fix('edge', ['Start-CsWindowsService']), 'Start-CsWindowsService', 'FrontEnd')).toBe(false)
    expect(isRunnableOn(fix('front-end', ['Set-CsSite -Identity <site>']), 'Set-CsSite -Identity <site>', 'FrontEnd')).toBe(false)
    expect(isRunnableOn(fix('public-dns', ['Resolve-DnsName x']), 'Resolve-DnsName x', 'Edge')).toBe(false)
    expect(isRunnableOn(fix('any', ['a']), 'b', 'Edge')).toBe(false)
    expect(isRunnableOn(fix('any', ['a']), 'a', 'Unknown')).toBe(true)
  })
})
