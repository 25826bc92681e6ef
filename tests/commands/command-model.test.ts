/**
 * The command model: values are validated for their kind and written as single-quoted literals; a value
 * that fails (or a placeholder, a newline, a control character) makes the command display-only.
 */
import { describe, expect, it } from 'vitest'
import { singleQuoted, showControlCharacters } from '../../src-shared/commands/command-values'
import {
  assignXmppRoute,
  countUsersWithPolicy,
  enableXmppInPolicy,
  grantPolicyToAllUsers,
  moveIntermediateCertificates,
  netstatPort,
  removeXmppPartner,
  replaceEdgeCertificateCommands,
  resolveSrvWith,
  setXmppPartner,
  startLyncService,
  testConnection,
} from '../../src-shared/commands/fix-commands'

describe('PowerShell literals', () => {
  it('doubles every single-quote character PowerShell knows, typographic ones included', () => {
    expect(singleQuoted("gmail.com'; Remove-Item C:\\; '")).toBe("'gmail.com''; Remove-Item C:\\; '''")
    expect(singleQuoted('a\u2019b')).toBe("'a\u2019\u2019b'")
    expect(singleQuoted('x$(Start-Process calc)')).toBe("'x$(Start-Process calc)'")
  })

  it('shows control characters instead of acting on them', () => {
    expect(showControlCharacters('a\nb\u001b[2Jc\u0085')).toBe('a␊b␛[2Jc\\u0085')
  })
})

describe('fix commands', () => {
  it('keeps Microsoft\'s bare style for valid values and runs them', () => {
    const start = startLyncService('RTCXMPPTGWPX')
    expect(start.text).toBe('Start-CsWindowsService -Name RTCXMPPTGWPX')
    expect(start.displayOnly).toBeNull()
    expect(start.stages).toEqual([{ command: 'Start-CsWindowsService', arguments: [{ name: 'Name', value: { kind: 'service-name', value: 'RTCXMPPTGWPX' } }] }])
    expect(netstatPort(5269).text).toBe('netstat -ano | findstr :5269')
  })

  it('makes a hostile service name display-only and quotes it', () => {
    const plan = startLyncService('RTCXMPPTGWPX; Remove-Item C:\\ -Recurse -Force; #')
    expect(plan.text).toBe("Start-CsWindowsService -Name 'RTCXMPPTGWPX; Remove-Item C:\\ -Recurse -Force; #'")
    expect(plan.displayOnly?.en).toMatch(/not a Windows service name/)
    expect(plan.displayOnly?.['zh-TW']).toMatch(/不是 Windows 服務名稱/)
  })

  it.each([
    "gmail.com'; Remove-Item C:\\; '",
    'x$(Start-Process calc)',
    'jabber.org\nRemove-Item C:\\',
    'jabber.org\u001b]52;c;ZXZpbA==\u0007',
  ])('makes a hostile partner identity %j display-only', (identity) => {
    for (const plan of [removeXmppPartner(identity), setXmppPartner(identity, { tls: 'Optional' })]) {
      expect(plan.displayOnly).not.toBeNull()
      expect(plan.text).toContain(singleQuoted(identity))
    }
  })

  it('writes a policy name with a space as one value, and never Tag: in -PolicyName or the filter', () => {
    expect(grantPolicyToAllUsers('Tag:Allow XMPP').text).toBe("Get-CsUser | Grant-CsExternalAccessPolicy -PolicyName 'Allow XMPP'")
    expect(grantPolicyToAllUsers('Tag:Allow XMPP').displayOnly).toBeNull()
    // PS/Get-CsUser -Filter compares the stored policy name (Microsoft's examples: {ConferencingPolicy -eq "RedmondConferencingPolicy"}).
    expect(countUsersWithPolicy('Tag:FedPic').text).toBe("Get-CsUser -Filter {ExternalAccessPolicy -eq 'FedPic'} | Measure-Object")
    expect(enableXmppInPolicy('Tag:Allow XMPP').text).toBe("Set-CsExternalAccessPolicy -Identity 'Tag:Allow XMPP' -EnableXmppAccess $true")
    expect(enableXmppInPolicy("Tag:x' ; calc ; '").displayOnly).not.toBeNull()
  })

  it('writes Set-CsSite with the site name, without "Site:" (PS/Set-CsSite)', () => {
    const plan = assignXmppRoute('Site:Taipei', 'edgepool.contoso.com')
    expect(plan.text).toBe("Set-CsSite -Identity Taipei -XmppFederationRoute 'EdgeServer:edgepool.contoso.com'")
    expect(plan.displayOnly).toBeNull()
    const unknown = assignXmppRoute(null, null)
    expect(unknown.text).toBe('Set-CsSite -Identity <site> -XmppFederationRoute EdgeServer:<Edge pool FQDN>')
    expect(unknown.displayOnly?.en).toMatch(/replace <site>/)
  })

  it('gives Resolve-DnsName -Server only an address, and says why when the resolver has another port', () => {
    expect(resolveSrvWith('_xmpp-server._tcp.contoso.com', 'system').text).toBe('Resolve-DnsName -Name _xmpp-server._tcp.contoso.com -Type SRV')
    const on53 = resolveSrvWith('_xmpp-server._tcp.contoso.com', '10.0.0.1:53')
    expect(on53.text).toBe("Resolve-DnsName -Name _xmpp-server._tcp.contoso.com -Type SRV -Server '10.0.0.1'")
    expect(on53.displayOnly).toBeNull()
    const other = resolveSrvWith('_xmpp-server._tcp.contoso.com', '127.0.0.1:25353')
    expect(other.text).not.toMatch(/25353/)
    expect(other.displayOnly?.en).toMatch(/port 25353/)
    expect(resolveSrvWith('_xmpp-server._tcp.contoso.com', '[::1]:53').text).toMatch(/-Server '::1'$/)
  })

  it('offers the whole certificate replacement: request, import, assign by thumbprint, restart', () => {
    const texts = replaceEdgeCertificateCommands(['sip.contoso.com', 'contoso.com']).map((p) => p.text)
    expect(texts[0]).toBe("Request-CsCertificate -New -Type AccessEdgeExternal -Output 'C:\\edge-external.req' -DomainName 'sip.contoso.com,contoso.com'")
    expect(texts.slice(1, 3)).toEqual([
      'Import-CsCertificate -Path <issued certificate .pfx/.cer> -PrivateKeyExportable $true',
      'Set-CsCertificate -Type AccessEdgeExternal -Thumbprint <thumbprint of the new certificate>',
    ])
    expect(replaceEdgeCertificateCommands(['sip.contoso.com', 'evil.com,x$(calc)'])[0]?.displayOnly).not.toBeNull()
  })

  it('keeps script blocks in the fixed table and ports in range', () => {
    expect(moveIntermediateCertificates().text).toBe(
      "Get-ChildItem -Path 'Cert:\\LocalMachine\\Root' | Where-Object -FilterScript { $_.Issuer -ne $_.Subject } | Move-Item -Destination 'Cert:\\LocalMachine\\CA'",
    )
    expect(moveIntermediateCertificates().displayOnly).toBeNull()
    expect(testConnection('edge.contoso.com', 70000).displayOnly).not.toBeNull()
  })
})
