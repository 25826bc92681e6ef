import { describe, expect, it } from 'vitest'
import { createRedactor, isPrivateIpv4, isPrivateIpv6 } from '../../src-shared/report/redact'

describe('createRedactor', () => {
  it('maps the same original to the same token, in any letter case, across texts', () => {
    const r = createRedactor({ hosts: ['EDGE01.contoso.local'], domains: ['contoso.com'] })
    const a = r.redactText('EDGE01.contoso.local talks to 10.0.0.5')
    const b = r.redactText('edge01.CONTOSO.local and edge01 and 10.0.0.5:23456')
    const host = /^(\S+) talks/.exec(a)?.[1]
    expect(host).toMatch(/^host-1\.domain-\d\.example$/)
    expect(b).toBe(`${host} and host-1 and 192.0.2.1:23456`)
  })

  it('keeps public addresses, loopback, built-in accounts and paths', () => {
    const r = createRedactor({ domains: ['contoso.com'] })
    const input = 'NT AUTHORITY\\SYSTEM ran C:\\Windows\\System32\\svchost.exe on 127.0.0.1 and 131.107.0.10 at 09:31:00, MAC 00:15:5d:01:02:03'
    expect(r.redactText(input)).toBe(input)
  })

  it('finds user names in DOMAIN\\user, UPNs and SIP URIs, and never swallows words inside tokens', () => {
    const r = createRedactor({ domains: ['contoso.com'] })
    const out = r.redactText('CONTOSO\\alice signed in as sip:alice@contoso.com; bob@fabrikam.com replied; "CONTOSO\\\\svc-xmpp"')
    expect(out).toBe('DOMAIN-1\\user-1 signed in as sip:user-1@domain-1.example; user-3@fabrikam.com replied; "DOMAIN-1\\\\user-2"')
  })

  it("partner scope keeps the organisation's public names and hides internal ones", () => {
    const r = createRedactor({ hosts: ['EDGE01.contoso.local'], domains: ['contoso.com'] }, 'partner')
    expect(r.redactText('access.contoso.com (EDGE01, EDGE01.contoso.local, 10.0.0.5) for contoso.com')).toBe(
      'access.contoso.com (host-1, host-1.domain-1.example, 192.0.2.1) for contoso.com',
    )
  })

  it('redacts strings and keys inside values and lists what it replaced', () => {
    const r = createRedactor({ hosts: ['FE01.contoso.local'] })
    expect(r.redactValue({ 'FE01.contoso.local': ['fd00::1', 42, null] })).toEqual({ 'host-1.domain-1.example': ['2001:db8::1', 42, null] })
    expect(r.replacements().map((x) => x.kind).sort()).toEqual(['domain', 'host', 'ipv6', 'short-host'])
  })

  it('classifies private ranges', () => {
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.1.1', '100.64.0.1'].every(isPrivateIpv4)).toBe(true)
    expect(['172.32.0.1', '8.8.8.8', '127.0.0.1', '999.1.1.1'].some(isPrivateIpv4)).toBe(false)
    expect(['fd12::1', 'fc00::', 'fe80::1', 'febf::1'].every(isPrivateIpv6)).toBe(true)
    expect(['2001:db8::1', '::1'].some(isPrivateIpv6)).toBe(false)
  })
})
