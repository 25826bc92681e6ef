/**
 * --client-cert: the probe presents our certificate and completes SASL EXTERNAL (RFC 6120 §6, XEP-0178),
 * which shows whether a partner accepts our certificate as a client. The partner is a real Prosody with
 * s2s_secure_auth (certificate authentication only) and mod_saslauth, trusting the test CA; certificates
 * come from openssl. Accepted: a certificate from the CA naming our domain (PEM, and PFX with its password
 * from an environment variable). Refused: one naming another domain, and a self-signed one.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProbeCommand } from '../../src-main/cli/commands/probe-command'
import { probeDomain, ProbeOptionsError } from '../../src-main/probe/probe-domain'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { startDnsmasq, type RunningDnsmasq } from './helpers/dnsmasq-server'
import { requireBinary } from './helpers/local-binaries'
import { probeContext } from './helpers/probe-context'
import { startProsody, type RunningProsody } from './helpers/prosody-server'
import { createTestPki, type TestPki } from './helpers/test-certificates'

let dir: string
let pki: TestPki
let prosody: RunningProsody
/** The same partner without s2s_secure_auth: it keeps the stream open and offers dialback. */
let lenient: RunningProsody
let dns: RunningDnsmasq
/** Certificate + key in one PEM file, for probe.test (accepted). */
let goodPem: string
/** The same as a PFX under PFX_PASSWORD. */
let goodPfx: string
/** From the test CA, but naming other.test: the identity check fails. */
let wrongNamePem: string
/** Self-signed, naming probe.test: the chain check fails. */
let selfSignedPem: string
const PFX_PASSWORD = 'Edge-pfx-Pa55 word'

function combined(name: string, issued: { certFile: string; keyFile: string }): string {
  const path = join(dir, `${name}.combined.pem`)
  writeFileSync(path, `${readFileSync(issued.certFile, 'utf8')}\n${readFileSync(issued.keyFile, 'utf8')}`)
  return path
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'probe-client-cert-'))
  pki = createTestPki(dir)
  const server = pki.issue('partner.test', { san: 'DNS:partner.test' })
  const good = pki.issue('probe.test', { san: 'DNS:probe.test' })
  goodPem = combined('good', good)
  goodPfx = join(dir, 'good.pfx')
  execFileSync(requireBinary('openssl'), ['pkcs12', '-export', '-in', good.certFile, '-inkey', good.keyFile, '-out', goodPfx, '-passout', `pass:${PFX_PASSWORD}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 20_000,
  })
  wrongNamePem = combined('wrongname', pki.issue('other-client', { san: 'DNS:other.test' }))
  selfSignedPem = combined('self', pki.selfSigned('probe-self', 'DNS:probe.test'))
  ;[prosody, lenient] = await Promise.all([
    startProsody(join(dir, 'prosody'), [{ domain: 'partner.test', ...server, cafile: pki.caFile }], { secureAuth: true }),
    startProsody(join(dir, 'lenient'), [{ domain: 'lenient.test', ...pki.issue('lenient.test', { san: 'DNS:lenient.test' }), cafile: pki.caFile }]),
  ])
  dns = await startDnsmasq({
    srv: [
      { name: '_xmpp-server._tcp.partner.test', target: 'xmpp.partner.test', port: prosody.port, priority: 0, weight: 0 },
      { name: '_xmpp-server._tcp.lenient.test', target: 'xmpp.lenient.test', port: lenient.port, priority: 0, weight: 0 },
    ],
    hosts: { 'xmpp.partner.test': ['127.0.0.1'], 'xmpp.lenient.test': ['127.0.0.1'] },
  })
}, 60_000)

afterAll(async () => {
  await dns?.stop()
  await Promise.all([prosody?.stop(), lenient?.stop()])
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function probeWith(path: string | null, from: string | null = 'probe.test', domain = 'partner.test'): Promise<DomainProbeReport> {
  return probeDomain(domain, {
    from,
    dnsServers: [dns.server],
    caFiles: [pki.caFile],
    stepTimeoutMs: 3_000,
    ...(path ? { clientCertificate: { kind: 'file' as const, path } } : {}),
  })
}

function auth(report: DomainProbeReport): CheckResult {
  const found = evaluateProbeChecks([report], probeContext()).find((c) => c.id === 's2s-auth-available')
  if (!found) throw new Error('no s2s-auth-available')
  return found
}

describe('SASL EXTERNAL with our certificate against Prosody (s2s_secure_auth)', () => {
  it('a certificate from a CA the partner trusts, naming our domain: EXTERNAL is offered and succeeds', async () => {
    const report = await probeWith(goodPem)
    const target = report.targets[0]
    expect(target?.featuresAfterTls?.saslMechanisms).toContain('EXTERNAL')
    expect(target?.saslExternal).toEqual({ outcome: 'success', condition: null, text: null, detail: null })
    expect(target?.tls?.clientCertificate?.identifiers.dnsNames).toEqual(['probe.test'])
    const check = auth(report)
    expect(check).toMatchObject({ status: 'pass', reason: 'client-certificate-accepted' })
    expect(check.summary.en).toBe(`partner.test accepts our certificate: SASL EXTERNAL as probe.test succeeded on xmpp.partner.test:${prosody.port}.`)
    expect(check.evidence.map((e) => e.text)).toContain(`xmpp.partner.test:${prosody.port} SASL EXTERNAL as probe.test → <success/>`)
  })

  it('a certificate naming another domain: the partner refuses it (<not-authorized/>, "not valid for this name")', async () => {
    const report = await probeWith(wrongNamePem)
    const check = auth(report)
    expect(check).toMatchObject({ status: 'fail', reason: 'client-certificate-refused' })
    expect(check.summary.en).toContain('partner.test does not accept our certificate as a client')
    expect(check.summary.en).toContain('<not-authorized/>')
    expect(check.summary.en).toContain('is not valid for this name')
    expect(check.summary['zh-TW']).toContain('不接受我方憑證')
  })

  it('a self-signed certificate: refused too (Prosody: "Your server\'s certificate is not trusted")', async () => {
    const check = auth(await probeWith(selfSignedPem))
    expect(check).toMatchObject({ status: 'fail', reason: 'client-certificate-refused' })
    expect(check.summary.en).toContain(`closed the stream after our certificate with <not-authorized/> ("Your server's certificate is not trusted")`)
  })

  it('without a from domain the partner cannot match the certificate: the check says to give --from', async () => {
    const check = auth(await probeWith(goodPem, null))
    expect(check.status).toBe('fail')
    expect(check.summary.en).toContain("The probe sent no 'from' domain, so the partner could not match the certificate to one: give --from (our domain).")
  })
})

describe('SASL EXTERNAL against a Prosody without s2s_secure_auth', () => {
  it('a certificate it cannot verify for our domain: EXTERNAL is not offered; dialback still is, so a warning', async () => {
    const report = await probeWith(wrongNamePem, 'probe.test', 'lenient.test')
    expect(report.targets[0]?.saslExternal?.outcome).toBe('not-offered')
    const check = auth(report)
    expect(check).toMatchObject({ status: 'warn', reason: 'client-certificate-not-accepted' })
    expect(check.summary.en).toContain('did not offer SASL EXTERNAL after we presented our certificate: it did not verify the certificate for probe.test')
    expect(check.summary.en).toContain('It offers dialback, which does not need our certificate.')
  })

  it('our good certificate: accepted there too', async () => {
    expect(auth(await probeWith(goodPem, 'probe.test', 'lenient.test'))).toMatchObject({ status: 'pass', reason: 'client-certificate-accepted' })
  })
})

describe('the probe command with --client-cert', () => {
  async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const code = await runProbeCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, env)
    return { code, stdout, stderr }
  }
  const common = () => ['partner.test', '--from', 'probe.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--timeout', '3s']

  it('a PFX with its password from an environment variable: accepted, exit 0', async () => {
    const r = await cli([...common(), '--client-cert', goodPfx, '--client-cert-password-env', 'EDGE_PFX_PASSWORD', '--json'], { EDGE_PFX_PASSWORD: PFX_PASSWORD })
    const result = JSON.parse(r.stdout) as { verdict: string; checks: { id: string; status: string; reason?: string }[] }
    expect(result.checks.find((c) => c.id === 's2s-auth-available')).toMatchObject({ status: 'pass', reason: 'client-certificate-accepted' })
    expect(r.code).toBe(0)
  })

  it('a wrong password, an unset variable, or a password variable without a certificate: refused before any traffic (exit 2)', async () => {
    const wrong = await cli([...common(), '--client-cert', goodPfx, '--client-cert-password-env', 'P'], { P: 'not the password' })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain(`Client certificate ${goodPfx} cannot be used`)
    expect(wrong.stderr).toContain('--client-cert-password-env')
    await expect(cli([...common(), '--client-cert', goodPfx, '--client-cert-password-env', 'UNSET_VAR'])).rejects.toThrow(
      '--client-cert-password-env UNSET_VAR: that environment variable is not set',
    )
    await expect(cli([...common(), '--client-cert-password-env', 'P'], { P: 'x' })).rejects.toThrow('--client-cert-password-env: only with --client-cert')
    const notCert = join(dir, 'not-a-cert.pem')
    writeFileSync(notCert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
    const noKey = await cli([...common(), '--client-cert', notCert])
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toContain('must hold the certificate and its private key')
  })

  it('a PFX with the legacy RC2 cipher (as older Windows exports it): refused with the way out', async () => {
    const legacy = join(dir, 'legacy.pfx')
    const good = { certFile: join(dir, 'probe.test.pem'), keyFile: join(dir, 'probe.test.key') }
    execFileSync(requireBinary('openssl'), ['pkcs12', '-export', '-legacy', '-in', good.certFile, '-inkey', good.keyFile, '-out', legacy, '-passout', 'pass:x'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 20_000,
    })
    const r = await cli([...common(), '--client-cert', legacy, '--client-cert-password-env', 'P'], { P: 'x' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Unsupported PKCS12 PFX data')
    expect(r.stderr).toContain('NODE_OPTIONS=--openssl-legacy-provider')
  })

  it('--client-cert-thumbprint off Windows says where it works', async () => {
    await expect(cli([...common(), '--client-cert-thumbprint', 'a'.repeat(40)])).rejects.toThrow(/works on Windows only/)
    await expect(probeDomain('partner.test', { clientCertificate: { kind: 'file', path: join(dir, 'missing.pfx') } })).rejects.toThrow(ProbeOptionsError)
  })
})
