/**
 * Raw evidence carrying what a support bundle must not ship, written the way Windows PowerShell 5.1 writes
 * it: ConvertTo-Json with 4-space indents and two spaces after the colon, `'`, `<`, `>`, `&` escaped as
 * \u0027, \u003c, \u003e, \u0026, CRLF line ends; `>`/Out-File as UTF-16LE with a BOM, `Out-File -Encoding
 * UTF8` as UTF-8 with a BOM, and a zh-TW cmd.exe netstat in Big5 (CP950).
 *
 * DialbackPassphrase is a documented property of Get-CsXmppGatewayConfiguration (DOMAIN-FACTS §
 * Get-CsXmppGatewayConfiguration, [C] PS/Get-,Set-CsXmppGatewayConfiguration). Certificate Subject/Issuer
 * strings follow .NET's X500DistinguishedName format ("CN=…, O=…, C=…"), as Get-ChildItem Cert:\ prints them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const PASSPHRASE = 'Tr0ub4dor&Horse!'
export const EVENT_PASSWORD = 'Hunter2Secret'
export const API_KEY = 'k-9f8e7d6c5b4a'

/** Values that must not appear anywhere in the bundle (any case, UTF-8 or UTF-16LE). */
export const SECRET_EVIDENCE_VALUES = [
  'Tr0ub4dor',
  'Horse!',
  EVENT_PASSWORD,
  API_KEY,
  'fe01.contoso.local',
  'sql01.contoso.local',
  '10.0.0.7',
  '10.0.1.10',
  '10.0.0.20',
  'Contoso Ltd',
  'Contoso Trust',
  'Contoso PKI',
  'Taipei',
  'Redmond',
  'contoso',
] as const

function utf16leBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
}

function utf8Bom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
}

/** The PowerShell 5.1 JSON texts (CRLF, 4-space indents), before encoding. */
export const XMPP_GATEWAY_JSON = [
  '{',
  '    "Identity":  "Global",',
  '    "ConnectionLimit":  1000,',
  '    "DialbackPassphrase":  "Tr0ub4dor\\u0026Horse!",',
  '    "EnableLoggingAllMessageBodies":  false,',
  '    "KeepAliveInterval":  300',
  '}',
].join('\r\n')

export const EVENTS_JSON = [
  '[',
  '    {',
  '        "Id":  61001,',
  '        "ProviderName":  "LS XMPP Translating Gateway Proxy",',
  `        "Message":  "Dialback to \\u0027fe01.contoso.local\\u0027 (\\u003cFE01.contoso.local\\u003e, 10.0.0.7) failed for CONTOSO\\\\svc-xmpp with password=${EVENT_PASSWORD}; ApiKey: ${API_KEY}.\\r\\nRetry via sql01.contoso.local."`,
  '    }',
  ']',
].join('\r\n')

export const CERTIFICATES_JSON = [
  '[',
  '    {',
  '        "Use":  "AccessEdgeExternal",',
  '        "Thumbprint":  "5F2A9C3D7E1B4F6A8C0D2E4F6A8B0C1D3E5F7A9B",',
  '        "Subject":  "CN=sip.contoso.com, OU=Contoso PKI, O=Contoso Ltd, L=Taipei, S=Taiwan, C=TW",',
  '        "Issuer":  "CN=Contoso Issuing CA, DC=contoso, DC=com",',
  '        "KeyUsage":  "DigitalSignature, KeyEncipherment",',
  '        "HasPrivateKey":  true',
  '    }',
  ']',
].join('\r\n')

export const ROOT_STORE_JSON = [
  '[',
  '    {',
  '        "Subject":  "CN=Contoso Root CA, DC=contoso, DC=com",',
  '        "Issuer":  "CN=Contoso Root CA, O=\\"Contoso Trust, Inc.\\", L=Redmond, C=US",',
  '        "Thumbprint":  "3B1F7C0E9A24D5B8E61F0C27A98D4E3B5C7A1F20"',
  '    }',
  ']',
].join('\r\n')

/** The files, encoded as collected. */
export function buildSecretEvidenceFiles(): Map<string, Buffer> {
  const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'evidence')
  return new Map([
    ['xmpp-gateway.json', utf8Bom(XMPP_GATEWAY_JSON)],
    ['events.json', utf16leBom(EVENTS_JSON)],
    ['certificates.json', utf16leBom(CERTIFICATES_JSON)],
    ['root-store.json', utf8Bom(ROOT_STORE_JSON)],
    ['netstat.txt', readFileSync(join(fixtures, 'zh-tw', 'netstat-big5.txt'))],
  ])
}
