import { describe, expect, it } from 'vitest'
import { createRedactor, isPrivateIpv4, isPrivateIpv6, isSecretName } from '../../src-shared/report/redact'
import { redactJsonText } from '../../src-shared/report/redact-json'

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
    expect(r.replacements().map((x) => x.kind).sort()).toEqual(['domain', 'host', 'ipv6', 'netbios-domain', 'short-host'])
  })

  it('classifies private ranges', () => {
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.1.1', '100.64.0.1'].every(isPrivateIpv4)).toBe(true)
    expect(['172.32.0.1', '8.8.8.8', '127.0.0.1', '999.1.1.1'].some(isPrivateIpv4)).toBe(false)
    expect(['fd12::1', 'fc00::', 'fe80::1', 'febf::1'].every(isPrivateIpv6)).toBe(true)
    expect(['2001:db8::1', '::1'].some(isPrivateIpv6)).toBe(false)
  })

  it('hides secret-looking values in running text, keeps prose and metadata', () => {
    const r = createRedactor({ domains: ['contoso.com'] })
    const out = r.redactText('logon password=hunter22; DB_PASSWORD="two words" api-key: abc12345. Key: missing; KeySize=2048 passphrase=true <DialbackPassphrase>s3cr3t!!</DialbackPassphrase>')
    expect(out).toBe('logon password=redacted-secret-1; DB_PASSWORD="redacted-secret-2" api-key: redacted-secret-3. Key: missing; KeySize=2048 passphrase=true <DialbackPassphrase>redacted-secret-4</DialbackPassphrase>')
    // A learned secret is replaced wherever else it shows up.
    expect(r.redactText('echo hunter22')).toBe('echo redacted-secret-1')
    expect(['DialbackPassphrase', 'password', 'ClientSecret', 'ApiKey', 'KEY']).toEqual(expect.arrayContaining(['DialbackPassphrase']))
    expect(['DialbackPassphrase', 'password', 'ClientSecret', 'ApiKey', 'KEY'].every(isSecretName)).toBe(true)
    expect(['KeyUsage', 'EnhancedKeyUsageList', 'HasPrivateKey', 'Keywords', 'EnableKeepAlive', 'Thumbprint'].some(isSecretName)).toBe(false)
  })

  it('never starts a match inside a JSON escape, so \\u0027-escaped names are found and the text stays JSON', () => {
    const r = createRedactor({ domains: ['contoso.com'] })
    const raw = String.raw`{"m":"to \u0027fe01.contoso.local\u0027 at \u002710.0.0.7\u0027\nEDGE02.contoso.local"}`
    const out = r.redactText(raw)
    expect(out).not.toMatch(/fe01|10\.0\.0\.7|edge02/i)
    expect(JSON.parse(out)).toEqual({ m: expect.stringMatching(/^to 'host-\d\.internal\.example' at '192\.0\.2\.1'\nhost-\d\.internal\.example$/) })
  })

  it('replaces organisation parts of certificate names: O, OU, L, S, E and AD DCs', () => {
    const r = createRedactor({ domains: ['contoso.com'] })
    expect(r.redactText('CN=Contoso Root CA, DC=contoso, DC=com; CN=x, O="Contoso, Ltd", OU=PKI, L=Taipei, C=TW')).toBe(
      'CN=DOMAIN-1 Root CA, DC=domain-1, DC=example; CN=x, O=organisation-1, OU=unit-1, L=place-1, C=TW',
    )
    // The partner scope keeps the public domain, still hides the organisation parts.
    const p = createRedactor({ domains: ['contoso.com'] }, 'partner')
    expect(p.redactText('contoso.com: O=Contoso Ltd')).toBe('contoso.com: O=organisation-1')
  })

  it('rewrites JSON token by token: layout kept, secret properties of any type become tokens, invalid JSON is null', () => {
    const r = createRedactor({ domains: ['contoso.com'] })
    const json = '{\r\n    "DialbackPassphrase":  "p\\u0026ss word",\r\n    "Pin": {"secretCode": 12345},\r\n    "Host":  "sip.contoso.com",\r\n    "KeyUsage":  "DigitalSignature"\r\n}'
    const out = redactJsonText(json, r)!
    expect(out).toBe('{\r\n    "DialbackPassphrase":  "redacted-secret-1",\r\n    "Pin": {"secretCode": "redacted-secret-2"},\r\n    "Host":  "host-1.domain-1.example",\r\n    "KeyUsage":  "DigitalSignature"\r\n}')
    expect(JSON.parse(out)).toMatchObject({ Pin: { secretCode: 'redacted-secret-2' } })
    for (const bad of ['{"a": 1', '{"a": 1}}', '[1] [2]', "{'a': 1}", '']) expect(redactJsonText(bad, r), bad).toBeNull()
  })
})
