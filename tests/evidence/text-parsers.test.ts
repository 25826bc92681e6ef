import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src-shared/evidence/decode-text'
import { EvidenceParseError } from '../../src-shared/evidence/evidence-parse-error'
import { createParseNotes, PARSE_LIMITS } from '../../src-shared/evidence/parse-notes'
import { parseNetstat, parseNetstatLine } from '../../src-shared/evidence/parsers/netstat'
import { parseServerVersion } from '../../src-shared/evidence/parsers/server-version'
import { parseTasklist } from '../../src-shared/evidence/parsers/tasklist'
import { parseTopology } from '../../src-shared/evidence/parsers/topology'
import { loadFixtureFiles, readFixtureBytes } from './evidence-test-files'

const ENGLISH_NETSTAT =
  '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n' +
  '  TCP    0.0.0.0:5269           0.0.0.0:0              LISTENING       2412\r\n'

function fixtureText(...path: string[]): string {
  return decodeText(readFixtureBytes(...path)).text
}

describe('netstat -ano', () => {
  it('parses the real English layout by shape', () => {
    const [entry, ...rest] = parseNetstat(decodeText(new TextEncoder().encode(ENGLISH_NETSTAT)).text)
    expect(rest).toEqual([])
    expect(entry).toEqual({
      protocol: 'TCP',
      localAddress: '0.0.0.0',
      localPort: 5269,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      stateText: 'LISTENING',
      isListening: true,
      isEstablished: false,
      pid: 2412,
      line: '  TCP    0.0.0.0:5269           0.0.0.0:0              LISTENING       2412',
    })
  })

  it('reads a zh-TW server written in Big5 with Chinese headers and state words', () => {
    const entries = parseNetstat(fixtureText('zh-tw', 'netstat-big5.txt'))
    expect(entries).toHaveLength(8)
    const listening5269 = entries.filter((e) => e.localPort === 5269 && e.isListening)
    expect(listening5269.map((e) => e.localAddress)).toEqual(['203.0.113.10', '::'])
    // A translated state word with a real foreign port counts as established (rule documented in netstat.ts).
    const established = entries.filter((e) => e.isEstablished).map((e) => `${e.localAddress}:${e.localPort}`)
    expect(established).toEqual(['10.0.1.10:23456', 'fe80::1%4:5269'])
    expect(entries.find((e) => e.stateText === 'TIME_WAIT')?.isEstablished).toBe(false)
  })

  it('keeps IPv6 zone ids and reads UDP lines without a state', () => {
    expect(parseNetstatLine('  TCP    [fe80::1%4]:5269       [::]:0                 LISTENING       2412')).toMatchObject({
      localAddress: 'fe80::1%4',
      localPort: 5269,
      remoteAddress: '::',
      remotePort: 0,
      isListening: true,
    })
    expect(parseNetstatLine('  UDP    [::]:123               *:*                                    1200')).toMatchObject({
      protocol: 'UDP',
      localAddress: '::',
      remoteAddress: '*',
      remotePort: null,
      stateText: '',
      isListening: false,
      isEstablished: false,
    })
  })

  it('ignores headers, -b process lines and garbage, and rejects a file with no connection line', () => {
    expect(parseNetstatLine('  Proto  Local Address          Foreign Address        State           PID')).toBeNull()
    expect(parseNetstatLine(' [XmppProxy.exe]')).toBeNull()
    expect(parseNetstatLine('  TCP    0.0.0.0:99999          0.0.0.0:0              LISTENING       1')).toBeNull()
    expect(() => parseNetstat('Hello\nworld\n')).toThrow(EvidenceParseError)
    expect(() => parseNetstat('  \n')).toThrow(/empty/)
  })

  it('stops at the line cap and says truncated', () => {
    const line = '  TCP    10.0.0.1:50000         10.0.0.2:443           ESTABLISHED     7\n'
    const notes = createParseNotes()
    const entries = parseNetstat(line.repeat(PARSE_LIMITS.maxLines + 10), notes)
    expect(entries).toHaveLength(PARSE_LIMITS.maxLines)
    expect(notes.truncated).toBe(true)
  })

  it('finds XmppProxy on 5269 and 23456 in the healthy Edge fixture', () => {
    const text = decodeText(loadFixtureFiles('healthy-edge').get('netstat.txt')!).text
    const entries = parseNetstat(text)
    const proxy = entries.filter((e) => e.pid === 2412 && e.isListening).map((e) => e.localPort)
    expect(proxy).toEqual([23456, 5269])
  })
})

describe('tasklist /svc /fo csv', () => {
  it('parses the English healthy fixture by position', () => {
    const text = decodeText(loadFixtureFiles('healthy-edge').get('tasklist.csv')!).text
    const entries = parseTasklist(text)
    expect(entries.find((e) => e.pid === 2412)).toEqual({ imageName: 'XmppProxy.exe', pid: 2412, services: ['RTCXMPPTGWPX'] })
    expect(entries.find((e) => e.pid === 880)?.services).toEqual(['RpcEptMapper', 'RpcSs'])
    expect(entries.find((e) => e.pid === 4)?.services).toEqual([])
  })

  it('reads a zh-TW header and a translated N/A', () => {
    const entries = parseTasklist(fixtureText('zh-tw', 'tasklist-utf16le.csv'))
    expect(entries.map((e) => [e.imageName, e.services])).toEqual([
      ['System Idle Process', []],
      ['svchost.exe', ['RpcEptMapper', 'RpcSs']],
      ['XmppProxy.exe', ['RTCXMPPTGWPX']],
      ['explorer.exe', []],
    ])
  })

  it('handles quotes inside cells and rejects tasklist without /svc', () => {
    expect(parseTasklist('"Image Name","PID","Services"\n"my ""odd"".exe","12","N/A"\n')).toEqual([
      { imageName: 'my "odd".exe', pid: 12, services: [] },
    ])
    const withoutSvc = '"Image Name","PID","Session Name","Session#","Mem Usage"\n"System","4","Services","0","144 K"\n'
    expect(() => parseTasklist(withoutSvc)).toThrow(/3 columns/)
  })
})

describe('Get-CsServerVersion text', () => {
  it('recognizes the three products by version prefix', () => {
    expect(parseServerVersion('Lync Server 2013 (5.0.8308.0): Volume license key installed.')).toMatchObject({
      version: '5.0.8308.0',
      product: 'Lync Server 2013',
    })
    expect(parseServerVersion('Skype for Business Server 2015 (6.0.9319.0): Volume license key installed.').product).toBe(
      'Skype for Business Server 2015',
    )
    expect(parseServerVersion('Skype for Business Server 2019 (7.0.2046.0)').product).toBe('Skype for Business Server 2019')
    expect(parseServerVersion('Something else').product).toBe('Unknown')
  })
})

describe('Get-CsTopology -AsXml', () => {
  it('lists XMPP mentions and finds the Edge pool in the fixture', () => {
    const summary = parseTopology(decodeText(loadFixtureFiles('healthy-edge').get('topology.xml')!).text)
    expect(summary.edgePools).toEqual([{ fqdn: 'edgepool.contoso.com', siteId: 'Site:Taipei', machines: ['edge01.contoso.com'] }])
    expect(summary.xmppMentions).toHaveLength(1)
    expect(summary.xmppMentions[0]).toMatch(/Service\[Registrar:1:1\]\/Ports\/Port@Owner=urn:component:XmppFederation .*Port=5098/)
  })

  it('reports element names that contain xmpp with their text', () => {
    const summary = parseTopology('<Topology><Site Name="A"><XmppRoute Pool="x"/><Note>xmpp here</Note></Site></Topology>')
    expect(summary.xmppMentions).toEqual(['Topology/Site[Name=A]/XmppRoute@Pool=x'])
    expect(summary.edgePools).toEqual([])
  })

  it('refuses DOCTYPE entities (no billion laughs) and undefined entities', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>'
    expect(() => parseTopology(laughs)).toThrow(expect.objectContaining({ kind: 'unsafe-xml' }))
    expect(() => parseTopology('<a>&ext;</a>')).toThrow(expect.objectContaining({ kind: 'bad-xml' }))
  })

  it('rejects malformed XML and caps mentions', () => {
    expect(() => parseTopology('<a><b></a>')).toThrow(/Not well-formed XML/)
    const many = `<T>${'<XmppThing/>'.repeat(PARSE_LIMITS.maxTopologyMentions + 5)}</T>`
    const notes = createParseNotes()
    expect(parseTopology(many, notes).xmppMentions).toHaveLength(PARSE_LIMITS.maxTopologyMentions)
    expect(notes.truncated).toBe(true)
  })

  it('refuses absurd nesting', () => {
    expect(() => parseTopology('<a>'.repeat(10_000))).toThrow(/nested too deeply/)
  })
})
