/**
 * Probe figures (prints, asserts nothing), against a real Prosody and dnsmasq on 127.0.0.1:
 *  1. probeDomain of a healthy domain vs a bare TCP connect + STARTTLS + TLS handshake in the same process
 *     (ratio, target ≤ 1.2), and beside it like-for-like figures: the bare path also doing what the probe
 *     must do beyond the handshake (stream restart + features after TLS; the SRV + A/AAAA lookups).
 *     Every variant runs in turn, round after round, so a change in the machine's load hits all alike;
 *     medians of the rounds;
 *  2. the same probe as a whole CLI process (the built `bin`, as npm ci builds it, with its code cache written
 *     by a first run) vs `openssl s_client -starttls xmpp-server -xmpphost <domain>` and a bare `node -e ''`
 *     (all whole processes, interleaved run by run);
 *  3. 100 domains probed with bounded concurrency vs the slowest single probe among them.
 * Run: npx tsx scripts/bench-probe.ts   (npm run bench calls it)
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Resolver } from 'node:dns/promises'
import net from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import tls from 'node:tls'
import { fileURLToPath } from 'node:url'
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli } from './build-cli.mjs'
import { probeDomain } from '../src-main/probe/probe-domain'
import { probeDomains } from '../src-main/probe/probe-many'
import { startDnsmasq } from '../tests/probe/helpers/dnsmasq-server'
import { requireBinary } from '../tests/probe/helpers/local-binaries'
import { startProsody } from '../tests/probe/helpers/prosody-server'
import { createTestPki } from '../tests/probe/helpers/test-certificates'

const RUNS = 60
const WARM_UP_ROUNDS = 10
const PROCESS_RUNS = 10
const MANY = 100
const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/**
 * Runs every variant once per round, `rounds` times after WARM_UP_ROUNDS untimed rounds; the median per variant.
 * The warm-up covers module loading, Prosody's first TLS context and the JIT: the probe runs far more code
 * than the bare path, and timed while V8 still interprets it, it looked ~1.5 ms slower than it is.
 */
async function timeInterleaved<K extends string>(rounds: number, variants: Record<K, () => Promise<unknown>>): Promise<Record<K, number>> {
  const names = Object.keys(variants) as K[]
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    for (const name of names) await variants[name]()
  }
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const started = performance.now()
      await variants[name]()
      times[name].push(performance.now() - started)
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])])) as Record<K, number>
}

const streamHeader = (domain: string): string =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' to='${domain}' from='bench.test' version='1.0'>`

/**
 * Connect, send the stream header, wait for the features, <starttls/>, <proceed/>, TLS handshake. Nothing else
 * (the issue's baseline). With `restart`, also what the probe must do after TLS: a new stream header and the
 * features after TLS. That needs the same one-space keepalive the probe sends when a TLS 1.3 session ticket
 * arrives (s2s-connection.ts); without it Prosody's Nagle holds the answer ~40 ms and the baseline would be
 * slow for a reason that has nothing to do with the work.
 */
async function bareStarttls(port: number, domain: string, secureContext: tls.SecureContext, restart: boolean): Promise<void> {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true })
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  socket.write(streamHeader(domain))
  await readUntil(socket, '</stream:features>')
  socket.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
  await readUntil(socket, '<proceed')
  const secure = tls.connect({ socket, servername: domain, secureContext, rejectUnauthorized: false })
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject))
  if (restart) {
    secure.on('session', () => setImmediate(() => secure.write(' ')))
    const features = readUntil(secure, '</stream:features>')
    secure.write(streamHeader(domain))
    await features
  }
  secure.destroy()
}

/** The DNS the probe must do, bare: both SRV names (RFC 6120 §3.2, XEP-0368), then A and AAAA of the target. */
async function bareDns(server: string, domain: string): Promise<string> {
  const resolver = new Resolver({ timeout: 5_000, tries: 1 })
  resolver.setServers([server])
  const [srv] = await Promise.all([
    resolver.resolveSrv(`_xmpp-server._tcp.${domain}`),
    resolver.resolveSrv(`_xmpps-server._tcp.${domain}`).catch(() => []),
  ])
  const target = srv[0]?.name ?? domain
  const [ipv4] = await Promise.all([resolver.resolve4(target), resolver.resolve6(target).catch(() => [])])
  return ipv4[0] ?? '127.0.0.1'
}

function readUntil(socket: net.Socket, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString()
      if (buffer.includes(marker)) {
        socket.off('data', onData)
        resolve()
      }
    }
    socket.on('data', onData)
    socket.once('error', reject)
  })
}

/** Refuses to time a CLI run that did not probe: a crash also exits 1, so the exit code alone proves nothing. */
function expectProbeReport(stdout: string, domain: string): void {
  const result = JSON.parse(stdout) as { probes?: { domain?: string; targets?: { featuresAfterTls?: unknown; failure?: unknown }[] }[] }
  const target = result.probes?.find((probe) => probe.domain === domain)?.targets?.[0]
  if (!target?.featuresAfterTls || target.failure) throw new Error(`the CLI did not probe ${domain} to the end:\n${stdout.slice(0, 2_000)}`)
}

interface ProcessRun {
  readonly command: string
  readonly args: readonly string[]
  readonly env?: NodeJS.ProcessEnv
  readonly check?: (stdout: string) => void
}

/** Whole processes, each variant once per round (the first round only warms the page cache and code caches); medians. */
function timeProcesses<K extends string>(variants: Record<K, ProcessRun>): Record<K, number> {
  const names = Object.keys(variants) as K[]
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round <= PROCESS_RUNS; round++) {
    for (const name of names) {
      const { command, args, env, check } = variants[name]
      const started = performance.now()
      const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000, ...(env ? { env } : {}) })
      const ms = performance.now() - started
      if (result.status !== 0 && result.status !== 1) throw new Error(`${command} exited ${result.status}: ${result.stderr.toString()}`)
      check?.(result.stdout.toString())
      if (round > 0) times[name].push(ms)
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])])) as Record<K, number>
}

async function main(): Promise<void> {
  const openssl = requireBinary('openssl')
  const dir = mkdtempSync(join(tmpdir(), 'bench-probe-'))
  const pki = createTestPki(dir)
  const domains = Array.from({ length: MANY }, (_, i) => `d${i}.bench.test`)
  const everyName = ['healthy.bench.test', ...domains].map((d) => `DNS:${d}`).join(',')
  const shared = pki.issue('bench', { san: everyName })
  const prosody = await startProsody(dir, ['healthy.bench.test', ...domains].map((domain) => ({ domain, ...shared })))
  const dns = await startDnsmasq({
    srv: ['healthy.bench.test', ...domains].map((d) => ({ name: `_xmpp-server._tcp.${d}`, target: 'xmpp.bench.test', port: prosody.port, priority: 0, weight: 0 })),
    hosts: { 'xmpp.bench.test': ['127.0.0.1'] },
  })
  try {
    const options = { from: 'bench.test', dnsServers: [dns.server], caFiles: [pki.caFile] }
    // The same trust the probe builds (bundled roots + the test CA), made once, as the probe makes it once.
    const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, readFileSync(pki.caFile, 'utf8')] })
    const healthy = 'healthy.bench.test'
    const probeOk = async (probeOptions: typeof options & { connect?: { host: string; port: number } }): Promise<void> => {
      const report = await probeDomain(healthy, probeOptions)
      const failure = report.targets[0]?.failure
      if (failure || !report.targets[0]?.featuresAfterTls) throw new Error(`probe failed: ${failure?.message ?? 'no features after TLS'}`)
    }
    const t = await timeInterleaved(RUNS, {
      bare: () => bareStarttls(prosody.port, healthy, secureContext, false),
      bareRestart: () => bareStarttls(prosody.port, healthy, secureContext, true),
      bareDnsRestart: async () => {
        await bareDns(dns.server, healthy)
        await bareStarttls(prosody.port, healthy, secureContext, true)
      },
      // What --connect does: the DNS answers are gathered beside the connection, not before it.
      bareDnsBesideRestart: async () => {
        await Promise.all([bareDns(dns.server, healthy), bareStarttls(prosody.port, healthy, secureContext, true)])
      },
      probe: () => probeOk(options),
      direct: () => probeOk({ ...options, connect: { host: '127.0.0.1', port: prosody.port } }),
    })
    const ms = (value: number): string => `${value.toFixed(2).padStart(8)} ms`
    const ratio = (a: number, b: number): string => (a / b).toFixed(2)
    console.log(`Probe vs bare STARTTLS (in-process, loopback Prosody + dnsmasq, variants interleaved, median of ${RUNS}; load average ${loadavg()[0]!.toFixed(2)})`)
    console.log(`  bare TCP + STARTTLS + TLS handshake             ${ms(t.bare)}`)
    console.log(`  probeDomain (DNS + every step)                  ${ms(t.probe)}   ratio ${ratio(t.probe, t.bare)} (target ≤ 1.2)`)
    console.log(`  probeDomain --connect (DNS beside, not before)  ${ms(t.direct)}   ratio ${ratio(t.direct, t.bare)}`)
    console.log('  like for like: the bare path also doing what the probe must do beyond the handshake')
    console.log(`  bare + stream restart + features after TLS      ${ms(t.bareRestart)}   probeDomain --connect / this = ${ratio(t.direct, t.bareRestart)}`)
    console.log(`  bare SRV + A/AAAA, then the same                ${ms(t.bareDnsRestart)}   probeDomain / this = ${ratio(t.probe, t.bareDnsRestart)} (target ≤ 1.2)`)
    console.log(`  bare SRV + A/AAAA beside the same               ${ms(t.bareDnsBesideRestart)}   probeDomain --connect / this = ${ratio(t.direct, t.bareDnsBesideRestart)} (target ≤ 1.2)`)
    console.log('  (what remains: certificate parsing and identifiers, a streaming XML parser, per-step timers, the report)\n')

    // The CLI as npm ci builds it (package.json bin), with a code cache of its own that the first round writes.
    const bin: string = await buildCli({ root: ROOT, outdir: join(dir, 'cli') })
    const cliEnv = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') }
    const processes = timeProcesses({
      cli: {
        command: process.execPath,
        args: [bin, 'probe', healthy, '--from', 'bench.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--json'],
        env: cliEnv,
        check: (stdout) => expectProbeReport(stdout, healthy),
      },
      sClient: { command: openssl, args: ['s_client', '-connect', `127.0.0.1:${prosody.port}`, '-starttls', 'xmpp-server', '-xmpphost', healthy, '-CAfile', pki.caFile, '-brief'] },
      nodeBare: { command: process.execPath, args: ['-e', ''] },
    })
    const budget = processes.nodeBare + processes.sClient
    console.log(`Whole processes (median of ${PROCESS_RUNS}, interleaved; load average ${loadavg()[0]!.toFixed(2)})`)
    console.log(`  xmpp-edge-doctor probe (bin, code cache) ${processes.cli.toFixed(1).padStart(8)} ms`)
    console.log(`  openssl s_client -starttls xmpp-server   ${processes.sClient.toFixed(1).padStart(8)} ms`)
    console.log(`  node -e ''                               ${processes.nodeBare.toFixed(1).padStart(8)} ms`)
    console.log(`  probe / (node -e '' + openssl)           ${(processes.cli / budget).toFixed(2).padStart(8)}    (target ≤ 1.00: ${processes.cli <= budget ? 'met' : 'NOT MET'}; over by ${(processes.cli - budget).toFixed(1)} ms)\n`)

    let slowest = 0
    const started = performance.now()
    const reports = await probeDomains(domains, { ...options, concurrency: 8, onReport: (r) => (slowest = Math.max(slowest, r.durationMs)) })
    const total = performance.now() - started
    const failed = reports.filter((r) => r.targets.some((t) => t.failure)).length
    console.log(`${MANY} domains, concurrency 8 (one Prosody serving all of them)`)
    console.log(`  total ${total.toFixed(0)} ms; slowest single probe ${slowest} ms; total / slowest = ${(total / Math.max(1, slowest)).toFixed(1)} (ideal for 8 at once ≈ ${Math.ceil(MANY / 8)} if all were as slow); failures: ${failed}`)
    console.log(`  heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MiB\n`)
  } finally {
    await dns.stop()
    await prosody.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
