/**
 * A real dnsmasq (Debian package) on a free loopback port serving the SRV and address records a test
 * names, authoritative for .test (--local=/test/: unknown names get NXDOMAIN, not REFUSED).
 */
import { spawn } from 'node:child_process'
import { Resolver } from 'node:dns/promises'
import { freeDnsPort } from './free-port'
import { requireBinary } from './local-binaries'
import { stopChild } from './prosody-server'

export interface SrvRecordSpec {
  readonly name: string
  readonly target: string
  readonly port: number
  readonly priority: number
  readonly weight: number
}

export interface DnsRecords {
  readonly srv: readonly SrvRecordSpec[]
  /** host → addresses (IPv4 and/or IPv6). */
  readonly hosts: Readonly<Record<string, readonly string[]>>
}

export interface RunningDnsmasq {
  /** "127.0.0.1:<port>", as --dns-server takes it. */
  readonly server: string
  readonly log: () => string
  stop(): Promise<void>
}

/** Starts dnsmasq and waits (bounded) until it answers. The records must include `probe-ready.test`. */
export async function startDnsmasq(records: DnsRecords): Promise<RunningDnsmasq> {
  const dnsmasq = requireBinary('dnsmasq')
  const port = await freeDnsPort()
  const args = [
    '--no-daemon',
    '--conf-file=/dev/null',
    '--pid-file=',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--local=/test/',
    '--host-record=probe-ready.test,127.0.0.1',
    // A target of "." publishes RFC 2782's "service decidedly not available" (dnsmasq: no target given).
    ...records.srv.map((r) => (r.target === '.' ? `--srv-host=${r.name}` : `--srv-host=${r.name},${r.target},${r.port},${r.priority},${r.weight}`)),
    ...Object.entries(records.hosts).map(([host, addresses]) => `--host-record=${host},${addresses.join(',')}`),
  ]
  const child = spawn(dnsmasq, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const server = `127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited early (code ${child.exitCode}):\n${output}`)
    const resolver = new Resolver({ timeout: 300, tries: 1 })
    resolver.setServers([server])
    const ready = await resolver.resolve4('probe-ready.test').then(
      () => true,
      () => false,
    )
    if (ready) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`dnsmasq did not answer within 10 s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { server, log: () => output, stop: () => stopChild(child) }
}
