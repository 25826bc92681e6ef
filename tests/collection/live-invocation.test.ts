import { describe, expect, it } from 'vitest'
import { buildLiveInvocation, buildStepScript, readLiveResult } from '../../src-main/collection/live-invocation'

const step = { name: 'sites.json', script: 'Get-CsSite', output: 'json' as const, jsonShape: 'array' as const, needsLyncModule: true }

function literals(line: string): string[] {
  return [...line.matchAll(/FromBase64String\('([^']*)'\)/g)].map((match) => match[1] ?? '')
}

describe('buildLiveInvocation', () => {
  it('is one ASCII line carrying the data and the script only as base64 literals', () => {
    const hostile = ["a'); Stop-Service RTCSRV; ('", '$(Remove-Item C:\\)', '"; exit; "', '台灣']
    const line = buildLiveInvocation(step, { domains: hostile, role: 'Edge' })
    expect(line).not.toMatch(/[\r\n]/)
    expect(line).toMatch(/^[\x20-\x7e]+$/)
    for (const value of hostile) expect(line).not.toContain(value)
    const [data, script] = literals(line)
    expect(data).toMatch(/^[A-Za-z0-9+/=]+$/)
    expect(JSON.parse(Buffer.from(data ?? '', 'base64').toString('utf8'))).toEqual({
      domains: hostile,
      sipDomains: [],
      role: 'Edge',
      fqdn: null,
      eventDays: 7,
      maxUsers: 100000,
    })
    expect(Buffer.from(script ?? '', 'base64').toString('utf8')).toBe(buildStepScript(step))
    expect(line.startsWith('$XedInput = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(')).toBe(true)
    expect(line).toContain('$XedDomains = [string[]]@($XedInput.domains)')
    expect(line).toContain('$XedSipDomains = [string[]]@($XedInput.sipDomains)')
    expect(line).toContain('$XedRole = [string]$XedInput.role')
    expect(line).toContain('$XedEventDays = [int]$XedInput.eventDays')
    expect(line).toContain('$XedMaxUsers = [int]$XedInput.maxUsers')
    expect(line).toContain('$XedFqdn = $XedInput.fqdn')
  })

  it('carries the FQDN, the event window and the user limit as data', () => {
    const line = buildLiveInvocation(step, { domains: ['contoso.com'], role: 'FrontEnd', fqdn: "fe01.contoso.com'; x", eventDays: 14, maxUsers: 5 })
    const [data] = literals(line)
    expect(JSON.parse(Buffer.from(data ?? '', 'base64').toString('utf8'))).toMatchObject({ fqdn: "fe01.contoso.com'; x", eventDays: 14, maxUsers: 5 })
    expect(line).not.toContain('fe01')
  })

  it('carries the SIP domains the server reported as data too', () => {
    const line = buildLiveInvocation(step, { domains: ['contoso.com'], sipDomains: ["fabrikam.com'); Stop-Service RTCSRV; ('"], role: 'Edge' })
    const [data] = literals(line)
    expect(JSON.parse(Buffer.from(data ?? '', 'base64').toString('utf8'))).toMatchObject({ sipDomains: ["fabrikam.com'); Stop-Service RTCSRV; ('"] })
    expect(line).not.toContain('fabrikam')
  })
})

describe('buildStepScript', () => {
  it('names the step, loads the Lync module when needed and reports one base64 result line', () => {
    const script = buildStepScript(step)
    expect(script.startsWith('# xed-command: sites.json\n')).toBe(true)
    expect(script).toContain('    Import-XedLyncModule\n')
    expect(script).toContain("ConvertTo-XedJson -Items $xedItems -Shape 'array'")
    expect(script).toContain("[Console]::Out.WriteLine('XED-RESULT:ok:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$xedText)) + ':' + $xedNotes)")
    expect(script).toContain('$script:XedNotes = New-Object System.Collections.ArrayList')
    expect(script).toContain("[Console]::Out.WriteLine('XED-RESULT:error:'")
    const text = buildStepScript({ ...step, name: 'netstat.txt', output: 'text', needsLyncModule: false })
    expect(text).not.toContain('Import-XedLyncModule\n    $xedItems')
    expect(text).toContain('$xedText = $xedItems | Out-String -Width 4096')
  })

  it('refuses a step name that could break the comment line', () => {
    expect(() => buildStepScript({ ...step, name: 'x\nStop-Service RTCSRV' })).toThrow(/invalid step name/)
  })
})

describe('readLiveResult', () => {
  const b64 = (value: string): string => Buffer.from(value, 'utf8').toString('base64')

  it('decodes the result line and ignores console noise around it', () => {
    const stdout = `WARNING: \ufffd\ufffd garbled\r\nXED-RESULT:ok:${b64('使用中連線\r\n')}\r\n`
    expect(readLiveResult(stdout)).toEqual({ ok: true, text: '使用中連線\r\n', notes: [] })
  })

  it('reads an error result', () => {
    expect(readLiveResult(`XED-RESULT:error:${b64('Get-CsSite : 拒絕存取。 [x]')}`)).toEqual({ ok: false, error: 'Get-CsSite : 拒絕存取。 [x]', notes: [] })
  })

  it('finds the result behind terminal mode sequences that pwsh 7 prints first on a redirected console', () => {
    expect(readLiveResult(`\u001b[?1h\u001b[?1lXED-RESULT:ok:${b64('x')}:${b64('[]')}\r\n\u001b[?1h`)).toEqual({ ok: true, text: 'x', notes: [] })
  })

  it('returns null when the script printed no result line', () => {
    expect(readLiveResult('')).toBeNull()
    expect(readLiveResult('something else\nXED-RESULT:maybe:abc')).toBeNull()
  })

  it('takes the last result line when there are several', () => {
    expect(readLiveResult(`XED-RESULT:ok:${b64('a')}\nXED-RESULT:ok:${b64('b')}`)).toEqual({ ok: true, text: 'b', notes: [] })
  })

  it('reads the notes after the result (a JSON array of strings, or one string as PowerShell writes it)', () => {
    const notes = b64(JSON.stringify(['Get-CsService -EdgeServer failed; read from the topology', 42]))
    expect(readLiveResult(`XED-RESULT:ok:${b64('[]')}:${notes}`)).toEqual({ ok: true, text: '[]', notes: ['Get-CsService -EdgeServer failed; read from the topology'] })
    expect(readLiveResult(`XED-RESULT:error:${b64('x')}:${b64('"one"')}`)).toEqual({ ok: false, error: 'x', notes: ['one'] })
    expect(readLiveResult(`XED-RESULT:ok:${b64('y')}:${b64('not json')}`)).toEqual({ ok: true, text: 'y', notes: [] })
  })
})
