/**
 * RFC 6125 / RFC 7590 matching of an XMPP domain, and the DER reader that finds the identifiers,
 * checked against certificates made by the real openssl (otherName SRVName and XmppAddr included)
 * and against Node's own reading of the same certificates.
 */
import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { matchXmppServerIdentity } from '../../src-shared/probe/certificate-identity'
import { readPresentedIdentifiers } from '../../src-shared/probe/certificate-sans'
import { DerError } from '../../src-shared/probe/der-reader'
import type { PresentedIdentifiers } from '../../src-shared/probe/probe-types'
import { requireBinary } from './helpers/local-binaries'

const none: PresentedIdentifiers = { dnsNames: [], srvNames: [], xmppAddrs: [], ipAddresses: [], uris: [], commonNames: [] }
const ids = (overrides: Partial<PresentedIdentifiers>): PresentedIdentifiers => ({ ...none, ...overrides })

describe('matchXmppServerIdentity', () => {
  it.each([
    ['SRV-ID', ids({ srvNames: ['_xmpp-server.contoso.com'] }), 'srv-id'],
    ['DNS-ID, any case, trailing dot', ids({ dnsNames: ['Contoso.COM.'] }), 'dns-id'],
    ['XmppAddr', ids({ xmppAddrs: ['contoso.com'] }), 'xmpp-addr'],
    ['a wildcard for another domain', ids({ dnsNames: ['*.com.example'] }), null],
    ['CN only when there is no SAN', ids({ commonNames: ['contoso.com'] }), 'cn'],
  ])('%s', (_label, presented, by) => {
    const match = matchXmppServerIdentity('contoso.com', presented)
    expect(match.by).toBe(by)
    expect(match.matched).toBe(by !== null)
  })

  it('does not accept the SRV target host in place of the domain', () => {
    expect(matchXmppServerIdentity('contoso.com', ids({ dnsNames: ['sip.contoso.com', 'edge.contoso.com'] })).matched).toBe(false)
  })

  it('accepts a wildcard only as the whole left-most label, standing for exactly one label', () => {
    expect(matchXmppServerIdentity('chat.contoso.com', ids({ dnsNames: ['*.contoso.com'] })).by).toBe('dns-id-wildcard')
    expect(matchXmppServerIdentity('contoso.com', ids({ dnsNames: ['*.contoso.com'] })).matched).toBe(false)
    expect(matchXmppServerIdentity('a.b.contoso.com', ids({ dnsNames: ['*.contoso.com'] })).matched).toBe(false)
    expect(matchXmppServerIdentity('chat.contoso.com', ids({ dnsNames: ['c*.contoso.com'] })).matched).toBe(false)
    expect(matchXmppServerIdentity('contoso.com', ids({ dnsNames: ['*.com'] })).matched).toBe(false)
    expect(matchXmppServerIdentity('chat.contoso.com', ids({ dnsNames: ['chat.*.com'] })).matched).toBe(false)
  })

  it('keeps the SRV-ID service label exact and never wildcards it', () => {
    expect(matchXmppServerIdentity('contoso.com', ids({ srvNames: ['_xmpp-client.contoso.com'] })).matched).toBe(false)
    expect(matchXmppServerIdentity('chat.contoso.com', ids({ srvNames: ['_xmpp-server.*.contoso.com'] })).matched).toBe(false)
  })

  it('ignores the CN as soon as the certificate has any SAN identifier (RFC 6125 §6.4.4)', () => {
    const match = matchXmppServerIdentity('contoso.com', ids({ dnsNames: ['other.com'], commonNames: ['contoso.com'] }))
    expect(match).toMatchObject({ matched: false, usedCnFallback: false })
    expect(matchXmppServerIdentity('contoso.com', ids({ commonNames: ['contoso.com'] })).usedCnFallback).toBe(true)
  })

  it('does not take an XmppAddr with a local part or resource as the domain', () => {
    expect(matchXmppServerIdentity('contoso.com', ids({ xmppAddrs: ['admin@contoso.com', 'contoso.com/res'] })).matched).toBe(false)
  })
})

describe('readPresentedIdentifiers on openssl certificates', () => {
  let dir: string
  const make = (name: string, subject: string, san: string | null): Uint8Array => {
    const openssl = requireBinary('openssl')
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-utf8', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`), '-days', '2', '-subj', subject]
    if (san) args.push('-addext', `subjectAltName=${san}`)
    execFileSync(openssl, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    return new X509Certificate(readFileSync(join(dir, `${name}.pem`))).raw
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'probe-der-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads DNS, SRVName, XmppAddr, IP (v4 and v6), URI and the CN', () => {
    const der = make(
      'full',
      '/CN=a.test/O=Test',
      'DNS:a.test,DNS:*.b.test,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.a.test,otherName:1.3.6.1.5.5.7.8.5;UTF8:a.test,IP:127.0.0.1,IP:::1,URI:xmpp:a.test,email:admin@a.test',
    )
    expect(readPresentedIdentifiers(der)).toEqual({
      dnsNames: ['a.test', '*.b.test'],
      srvNames: ['_xmpp-server.a.test'],
      xmppAddrs: ['a.test'],
      ipAddresses: ['127.0.0.1', '0:0:0:0:0:0:0:1'],
      uris: ['xmpp:a.test'],
      commonNames: ['a.test'],
    })
  })

  it('agrees with what Node prints for the same certificate', () => {
    const der = make('node', '/CN=c.test', 'DNS:c.test,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.c.test,otherName:1.3.6.1.5.5.7.8.5;UTF8:c.test')
    const printed = new X509Certificate(der).subjectAltName ?? ''
    expect(printed).toBe('DNS:c.test, othername:SRVName:_xmpp-server.c.test, othername:XmppAddr:c.test')
    const read = readPresentedIdentifiers(der)
    expect(read.dnsNames).toEqual(['c.test'])
    expect(read.srvNames).toEqual(['_xmpp-server.c.test'])
    expect(read.xmppAddrs).toEqual(['c.test'])
  })

  it('reads a certificate without SAN (CN only) and a UTF-8 CN', () => {
    expect(readPresentedIdentifiers(make('nosan', '/CN=old.test', null))).toEqual({ ...none, commonNames: ['old.test'] })
    expect(readPresentedIdentifiers(make('utf8', '/CN=伺服器.test', null)).commonNames).toEqual(['伺服器.test'])
  })

  it('throws DerError, and only DerError, on malformed input, and never hangs', () => {
    const der = make('fuzz', '/CN=f.test', 'DNS:f.test,otherName:1.3.6.1.5.5.7.8.5;UTF8:f.test')
    expect(() => readPresentedIdentifiers(new Uint8Array())).toThrow(DerError)
    expect(() => readPresentedIdentifiers(der.subarray(0, der.length - 10))).toThrow(DerError)
    expect(() => readPresentedIdentifiers(Uint8Array.from([0x30, 0x80, 0x00, 0x00]))).toThrow(DerError)
    expect(() => readPresentedIdentifiers(Uint8Array.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toThrow(DerError)
    let seed = 42
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let i = 0; i < 2_000; i++) {
      const mutated = Uint8Array.from(der)
      for (let j = 0; j < 3; j++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256)
      try {
        readPresentedIdentifiers(mutated)
      } catch (error) {
        if (!(error instanceof DerError)) throw new Error(`mutation ${i} threw ${String(error)}`, { cause: error })
      }
    }
  })
})
