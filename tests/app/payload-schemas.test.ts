import { describe, expect, it } from 'vitest'
import { PayloadError, validatePayload } from '../../src-shared/ipc/payload-schemas'
import { offeredCommands } from '../../src-shared/ipc/runnable-fix'
import type { Fix } from '../../src-shared/diagnostics/check-types'
import { fixCommands } from '../../src-shared/commands/command-model'
import { assignXmppRoute, startLyncService, resolveDnsName, srvRecord } from '../../src-shared/commands/fix-commands'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'

const RUN = 'run-0123456789ab'

describe('payload schemas', () => {
  it('accepts well-formed requests and normalizes domains', () => {
    expect(validatePayload('getAppInfo', undefined)).toBeUndefined()
    expect(validatePayload('runScenario', { runId: RUN, name: 'healthy-edge' })).toEqual({ runId: RUN, name: 'healthy-edge' })
    expect(validatePayload('diagnoseLive', { runId: RUN, domains: ['Contoso.COM.'] })).toEqual({ runId: RUN, domains: ['contoso.com'] })
    expect(validatePayload('answerQuestion', { runId: RUN, nodeId: 'setup-22', answerId: 'yes' })).toMatchObject({ nodeId: 'setup-22' })
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
    ['an en dash in a node id (new answers name one step: setupNodeId)', 'answerQuestion', { runId: RUN, nodeId: 'setup-2–3', answerId: 'yes' }],
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
    ['a command text instead of its id', 'proposeAction', { runId: RUN, command: 'Start-CsWindowsService' }],
    ['a command id with code in it', 'proposeAction', { runId: RUN, commandId: 'command-1; calc' }],
    ['a short acknowledgement token', 'acknowledgeAction', { token: 'abc' }],
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
      expect((error as PayloadError).localized['zh-TW']).toContain('sessionId')
    }
  })
})

describe('runnable fixes', () => {
  const fix = (runOn: Fix['runOn'], ...plans: ReturnType<typeof startLyncService>[]): Fix => ({ description: { en: '', 'zh-TW': '' }, ...fixCommands(...plans), runOn, changesServer: true })
  const resultWith = (...fixes: Fix[]): DiagnosisResult =>
    ({ rootCause: null, checks: fixes.map((f, i) => ({ id: `check-${i}`, fix: f })) }) as unknown as DiagnosisResult
  it('offers only complete, valid commands meant for this kind of server, each once, by id', () => {
    const result = resultWith(
      fix('edge', startLyncService('RTCXMPPTGWPX'), startLyncService('RTCXMPPTGWPX; calc')),
      fix('edge', startLyncService('RTCXMPPTGWPX')),
      fix('front-end', assignXmppRoute(null, null)),
      fix('public-dns', srvRecord('contoso.com', 0, 5269, 'sip.contoso.com'), resolveDnsName('contoso.com', 'A')),
    )
    expect(offeredCommands(result, 'Edge').map((c) => [c.id, c.text])).toEqual([['command-1', 'Start-CsWindowsService -Name RTCXMPPTGWPX']])
    expect(offeredCommands(result, 'FrontEnd')).toEqual([])
    // A fix recorded before commands were modelled has no plans: shown only.
    expect(offeredCommands(resultWith({ description: { en: '', 'zh-TW': '' }, commands: ['Start-CsWindowsService'], runOn: 'any', changesServer: true }), 'Edge')).toEqual([])
  })
})
