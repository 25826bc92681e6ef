/** The probe command's input handling: bad domains, resolvers, CA files, durations and hosts are refused before any traffic. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConnect, runProbeCommand } from '../../src-main/cli/commands/probe-command'
import { UsageError } from '../../src-main/cli/cli-io'
import { parseDnsServerAddress } from '../../src-main/probe/dns-lookup'
import { probeDomain, ProbeOptionsError } from '../../src-main/probe/probe-domain'
import { probeDomains } from '../../src-main/probe/probe-many'
import { compareSrvWithTopology } from '../../src-shared/diagnostics/probe/probe-evidence-compare'
import { healthyReport } from './helpers/synthetic-report'
import { probeContext } from './helpers/probe-context'

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runProbeCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, {})
  return { code, stdout, stderr }
}

describe('probe command input', () => {
  it('refuses an invalid domain name with a clear message (exit 2 through the CLI)', async () => {
    await expect(run(['contoso.com; rm -rf /'])).rejects.toThrow(UsageError)
    await expect(run(['bad_domain.com'])).rejects.toThrow(/not allowed/)
    await expect(run(['a'.repeat(64) + '.com'])).rejects.toThrow(/longer than 63/)
    await expect(run(['contoso.com', '--lang', 'zh-TW', 'exa mple.com'])).rejects.toThrow(/不允許字元/)
    await expect(run([])).rejects.toThrow(/usage: xmpp-edge-doctor probe/)
  })

  it('refuses a resolver that is not an IP address, and an unreadable CA file, with exit 2 and a localized line', async () => {
    const dns = await run(['contoso.com', '--dns-server', 'dns.google'])
    expect(dns.code).toBe(2)
    expect(dns.stderr).toContain('--dns-server: "dns.google" is not an IP address')
    const ca = await run(['contoso.com', '--ca-file', '/nonexistent/ca.pem', '--lang', 'zh-TW'])
    expect(ca.code).toBe(2)
    expect(ca.stderr).toContain('無法讀取 CA 檔案 /nonexistent/ca.pem')
    expect(dns.stdout + ca.stdout).toBe('')
  })

  it('parses hosts and resolvers strictly', () => {
    // Durations: tests/cli/duration-option.test.ts.
    expect(parseConnect('Edge.Contoso.com')).toEqual({ host: 'edge.contoso.com', port: 5269 })
    expect(parseConnect('127.0.0.1:15269')).toEqual({ host: '127.0.0.1', port: 15269 })
    expect(parseConnect('[::1]:5269')).toEqual({ host: '::1', port: 5269 })
    expect(() => parseConnect('edge.contoso.com:99999')).toThrow(UsageError)
    expect(() => parseConnect('-x.com')).toThrow(UsageError)
    expect(parseDnsServerAddress('10.0.0.1')).toMatchObject({ serverString: '10.0.0.1:53' })
    expect(parseDnsServerAddress('[::1]:5353')).toMatchObject({ serverString: '[::1]:5353' })
    expect(parseDnsServerAddress('::1')).toMatchObject({ serverString: '[::1]:53' })
    expect(() => parseDnsServerAddress('10.0.0.1:0')).toThrow()
    expect(() => parseDnsServerAddress('resolver.local:53')).toThrow()
  })

  it('the API refuses bad input with ProbeOptionsError before any traffic', async () => {
    await expect(probeDomain('not a domain')).rejects.toThrow(ProbeOptionsError)
    await expect(probeDomain('contoso.com', { stepTimeoutMs: -1 })).rejects.toThrow(ProbeOptionsError)
    await expect(probeDomains(['a.test', 'b..test'])).rejects.toThrow(/empty label/)
    await expect(probeDomains(['a.test'], { concurrency: 0 })).rejects.toThrow(ProbeOptionsError)
  })

  it('reads a CA file only when it is a regular file: a directory or a FIFO is refused at once, never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probe-ca-'))
    try {
      await expect(probeDomain('contoso.com', { caFiles: [dir] })).rejects.toThrow(/CA file .* cannot be read: not a regular file/)
      // A FIFO with no writer would block a read forever; it must be refused without opening it.
      const fifo = join(dir, 'ca.fifo')
      execFileSync('mkfifo', [fifo])
      await expect(probeDomain('contoso.com', { caFiles: [fifo] })).rejects.toThrow(/not a regular file/)
      const empty = join(dir, 'empty.pem')
      writeFileSync(empty, 'no certificate here')
      await expect(probeDomain('contoso.com', { caFiles: [empty] })).rejects.toThrow(/holds no PEM certificate/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('SRV as published against the topology', () => {
  it('matches when the SRV target is the Access Edge external FQDN on the XMPP port', () => {
    const report = healthyReport('contoso.test')
    expect(compareSrvWithTopology(report, probeContext({ edgeFqdn: 'xmpp.contoso.test' }).evidence).status).toBe('match')
    const other = compareSrvWithTopology(report, probeContext({ edgeFqdn: 'sip.contoso.test' }).evidence)
    expect(other.status).toBe('mismatch')
    expect(other.summary.en).toContain('sip.contoso.test')
    expect(other.fix?.commands[0]).toBe('_xmpp-server._tcp.contoso.test. 3600 IN SRV 0 0 5269 sip.contoso.test.')
    expect(compareSrvWithTopology(report, probeContext().evidence).status).toBe('unknown')
  })

  it('with several Edge pools, only a pool with XMPP federation is a right target', () => {
    const report = healthyReport('contoso.test')
    const base = probeContext({ edgeFqdn: 'xmpp.contoso.test' }).evidence
    const pool = (fqdn: string, xmppPort: number | null) => ({
      identity: `EdgeServer:${fqdn}`, poolFqdn: fqdn, siteId: null, accessEdgeExternalFqdn: fqdn, accessEdgeExternalSipPort: 5061,
      xmppListeningPort: xmppPort, xmppInternalPort: null, properties: {},
    })
    const evidence = { ...base, edgeServices: { state: 'collected' as const, value: [pool('xmpp.contoso.test', null), pool('edge2.contoso.test', 5269)] } }
    const compared = compareSrvWithTopology(report, evidence)
    expect(compared.status).toBe('mismatch')
    expect(compared.fix?.commands[0]).toBe('_xmpp-server._tcp.contoso.test. 3600 IN SRV 0 0 5269 edge2.contoso.test.')
  })

  it('an SRV query that got no answer is "nothing to compare", never "no record"', () => {
    const base = healthyReport('contoso.test')
    const cut = { ...base, dns: { ...base.dns, srv: { ...base.dns.srv, records: [], error: { code: 'ETIMEOUT', message: 'no answer within 5000 ms', cutBy: 'step' as const } } } }
    const compared = compareSrvWithTopology(cut, probeContext({ edgeFqdn: 'xmpp.contoso.test' }).evidence)
    expect(compared.status).toBe('unknown')
    expect(compared.summary.en).toBe(
      'Nothing to compare: the system resolver did not answer for _xmpp-server._tcp.contoso.test within 5000 ms (cut by the per-step limit (5000 ms, --timeout)).',
    )
  })
})

describe('test prerequisites', () => {
  it('a missing peer binary fails loudly with the install command, never skips', async () => {
    const { requireBinary } = await import('./helpers/local-binaries')
    expect(() => requireBinary('no-such-xmpp-server-binary', 'prosody')).toThrow(/not installed.*apt-get install -y prosody.*do not skip/)
  })
})
