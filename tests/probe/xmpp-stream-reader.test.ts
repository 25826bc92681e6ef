/** The streaming XML reader and the S2S element readers: chunking, features, errors, forbidden XML. */
import { describe, expect, it } from 'vitest'
import { XmppStreamReader, type XmlStreamEvent } from '../../src-main/probe/xmpp-stream-reader'
import { readFeatures, readStreamError, readStreamHeader } from '../../src-main/probe/stream-elements'

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xmlns:db='jabber:server:dialback' xmlns='jabber:server' from='a.test' id='s1'>"
const FEATURES =
  "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><dialback xmlns='urn:xmpp:features:dialback'/>" +
  "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>EXTERNAL</mechanism></mechanisms><sm xmlns='urn:xmpp:sm:3'/></stream:features>"

function read(chunks: readonly string[]): XmlStreamEvent[] {
  const events: XmlStreamEvent[] = []
  const reader = new XmppStreamReader((event) => events.push(event))
  for (const chunk of chunks) reader.write(chunk)
  return events
}

describe('XmppStreamReader', () => {
  it('reports the header at once and each top-level element when complete, even fed one character at a time', () => {
    const events = read([...`${HEADER} ${FEATURES}`])
    expect(events.map((e) => e.kind)).toEqual(['header', 'element'])
    const [header, features] = events
    if (header?.kind !== 'header' || features?.kind !== 'element') throw new Error('unexpected events')
    expect(readStreamHeader(header.header)).toEqual({
      from: 'a.test',
      to: null,
      id: 's1',
      version: '1.0',
      namespace: 'jabber:server',
      declaresDialback: true,
    })
    expect(readFeatures(features.element)).toEqual({
      starttls: true,
      starttlsRequired: true,
      dialback: true,
      saslMechanisms: ['EXTERNAL'],
      other: ['{urn:xmpp:sm:3}sm'],
    })
  })

  it('reads a stream error with its text, and the end of the stream', () => {
    const events = read([
      HEADER,
      "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>no such host</text></stream:error></stream:stream>",
    ])
    const element = events[1]
    if (element?.kind !== 'element') throw new Error('no element')
    expect(readStreamError(element.element, 'features')).toEqual({ condition: 'host-unknown', text: 'no such host', step: 'features' })
    expect(events[2]?.kind).toBe('stream-end')
  })

  it('stops at a DOCTYPE (restricted XML) and at malformed XML, and reads nothing after', () => {
    const doctype = read(['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', HEADER])
    expect(doctype).toEqual([{ kind: 'xml-error', restricted: true, message: expect.stringContaining('DOCTYPE') }])
    const broken = read([HEADER, '<a><b></a>', FEATURES])
    expect(broken.map((e) => e.kind)).toEqual(['header', 'xml-error'])
  })

  it('does not take a root other than <stream:stream> as an XMPP header', () => {
    const [event] = read(["<html xmlns='http://www.w3.org/1999/xhtml'>"])
    if (event?.kind !== 'header') throw new Error('no header')
    expect(readStreamHeader(event.header)).toBeNull()
  })

  it('bounds the size of one element by its number of children', () => {
    const events = read([HEADER, `<stream:features>${'<x/>'.repeat(2_500)}</stream:features>`])
    expect(events[1]).toMatchObject({ kind: 'xml-error', restricted: false })
  })

  it('counts nested elements at every depth, and the message names that limit (not "children")', () => {
    const deep = `<stream:features>${'<x>'.repeat(2_100)}${'</x>'.repeat(2_100)}</stream:features>`
    const [, error] = read([HEADER, deep])
    expect(error).toEqual({
      kind: 'xml-error',
      restricted: false,
      message: 'one top-level element holds more than 2000 nested elements (the probe reads at most 2000 per element)',
    })
  })
})
