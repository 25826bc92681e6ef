/**
 * Probe figures (prints, asserts nothing), against a real Prosody and dnsmasq on 127.0.0.1:
 *  1. probeDomain of a healthy domain vs a bare TCP connect + STARTTLS + TLS handshake in the same process
 *     (median of repeated runs; ratio, target ≤ 1.2);
 *  2. the same probe as a whole CLI process (bundled with esbuild, run by node) vs
 *     `openssl s_client -starttls xmpp-server -xmpphost <domain>` (both whole processes);
 *  3. 100 domains probed with bounded concurrency vs the slowest single probe among them.
 * Run: npx tsx scripts/bench-probe.ts   (npm run bench calls it)
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tls from 'node:tls'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { probeDomain } from '../src-main/probe/probe-domain'
import { probeDomains } from '../src-main/probe/probe-many'
import { startDnsmasq } from '../tests/probe/helpers/dnsmasq-server'
import { requireBinary } from '../tests/probe/helpers/local-binaries'
import { startProsody } from '../tests/probe/helpers/prosody-server'
import { createTestPki } from '../tests/probe/helpers/test-certificates'

const RUNS = 30
const PROCESS_RUNS = 10
const MANY = 100
const ROOT = fileURLToPath(new URL('..', import.meta.url))

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

async function timeRuns(runs: number, run: () => Promise<unknown> | unknown): Promise<number> {
  await run() // warm-up: module loading, JIT, Prosody's first TLS context
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  return median(times)
}

/** Connect, send the stream header, wait for the features, <starttls/>, <proceed/>, TLS handshake. Nothing else. */
async function bareStarttls(port: number, domain: string, secureContext: tls.SecureContext): Promise<void> {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true })
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  socket.write(
    `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' to='${domain}' from='bench.test' version='1.0'>`,
  )
  await readUntil(socket, '</stream:features>')
  socket.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
  await readUntil(socket, '<proceed')
  const secure = tls.connect({ socket, servername: domain, secureContext, rejectUnauthorized: false })
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject))
  secure.destroy()
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

/** Bundles the probe command into one ESM file, as a built CLI would run it. */
async function bundleCli(dir: string): Promise<string> {
  const entry = join(dir, 'probe-entry.ts')
  writeFileSync(
    entry,
    `import { runProbeCommand } from ${JSON.stringify(join(ROOT, 'src-main/cli/commands/probe-command.ts'))}\n` +
      'const code = await runProbeCommand(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) })\n' +
      'process.exitCode = code\n',
  )
  const outfile = join(dir, 'probe-cli.mjs')
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'error', absWorkingDir: ROOT })
  return outfile
}

function timeProcess(command: string, args: readonly string[]): number {
  const times: number[] = []
  for (let i = 0; i <= PROCESS_RUNS; i++) {
    const started = performance.now()
    const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 })
    const ms = performance.now() - started
    if (result.status !== 0 && result.status !== 1) throw new Error(`${command} exited ${result.status}: ${result.stderr.toString()}`)
    if (i > 0) times.push(ms) // first run warms the page cache
  }
  return median(times)
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
    const bare = await timeRuns(RUNS, () => bareStarttls(prosody.port, 'healthy.bench.test', secureContext))
    const probe = await timeRuns(RUNS, async () => {
      const report = await probeDomain('healthy.bench.test', options)
      if (report.targets[0]?.failure) throw new Error(`probe failed: ${report.targets[0].failure.message}`)
    })
    const direct = await timeRuns(RUNS, () => probeDomain('healthy.bench.test', { ...options, connect: { host: '127.0.0.1', port: prosody.port } }))
    console.log(`Probe vs bare STARTTLS (in-process, median of ${RUNS}, loopback Prosody)`)
    console.log(`  bare TCP + STARTTLS + TLS handshake   ${bare.toFixed(2).padStart(8)} ms`)
    console.log(`  probeDomain (DNS + every step)        ${probe.toFixed(2).padStart(8)} ms   ratio ${(probe / bare).toFixed(2)} (target ≤ 1.2)`)
    console.log(`  probeDomain --connect (no SRV use)    ${direct.toFixed(2).padStart(8)} ms   ratio ${(direct / bare).toFixed(2)}`)
    console.log('  (the probe also restarts the stream after TLS and reads the features again: one more round trip than the bare path)\n')

    const cli = await bundleCli(dir)
    const cliMs = timeProcess(process.execPath, [cli, 'healthy.bench.test', '--from', 'bench.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--json'])
    const sClient = timeProcess(openssl, ['s_client', '-connect', `127.0.0.1:${prosody.port}`, '-starttls', 'xmpp-server', '-xmpphost', 'healthy.bench.test', '-CAfile', pki.caFile, '-brief'])
    const nodeBare = timeProcess(process.execPath, ['-e', ''])
    console.log(`Whole processes (median of ${PROCESS_RUNS})`)
    console.log(`  xmpp-edge-doctor probe (bundled, node) ${cliMs.toFixed(1).padStart(8)} ms`)
    console.log(`  openssl s_client -starttls xmpp-server ${sClient.toFixed(1).padStart(8)} ms   ratio ${(cliMs / sClient).toFixed(2)}`)
    console.log(`  (node -e '' alone                      ${nodeBare.toFixed(1).padStart(8)} ms)\n`)

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
