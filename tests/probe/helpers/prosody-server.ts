/**
 * A real Prosody (Debian package) on 127.0.0.1 and a free port, one VirtualHost per test domain, each
 * with its own certificate and TLS settings. Prosody reads s2s_require_encryption and
 * s2s_allow_encryption per host (mod_tls is loaded per host), so one instance serves every scenario.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freeTcpPort, waitForTcp } from './free-port'
import { requireBinary } from './local-binaries'

export interface ProsodyHost {
  readonly domain: string
  readonly certFile: string
  readonly keyFile: string
  /** Per-host s2s_require_encryption (default: false). */
  readonly requireTls?: boolean
  /** false: s2s_allow_encryption = false, STARTTLS not offered. */
  readonly allowTls?: boolean
  /** CA file the host verifies incoming servers' client certificates with (SASL EXTERNAL, XEP-0178). */
  readonly cafile?: string
}

/** Settings for the whole server. */
export interface ProsodyOptions {
  /** s2s_secure_auth = true: a peer must authenticate with a valid certificate (no dialback), else <not-authorized/>. */
  readonly secureAuth?: boolean
}

export interface RunningProsody {
  readonly port: number
  readonly log: () => string
  stop(): Promise<void>
}

const lua = (value: string): string => JSON.stringify(value)

/** Starts Prosody in the foreground and waits (bounded) until its S2S port accepts connections. */
export async function startProsody(dir: string, hosts: readonly ProsodyHost[], options: ProsodyOptions = {}): Promise<RunningProsody> {
  const prosody = requireBinary('prosody')
  const port = await freeTcpPort()
  mkdirSync(join(dir, 'data'), { recursive: true })
  const config = [
    process.getuid?.() === 0 ? 'run_as_root = true' : '',
    'daemonize = false',
    `pidfile = ${lua(join(dir, 'data', 'prosody.pid'))}`,
    `data_path = ${lua(join(dir, 'data'))}`,
    'interfaces = { "127.0.0.1" }',
    `s2s_ports = { ${port} }`,
    'c2s_ports = { }',
    'c2s_direct_tls_ports = { }',
    's2s_direct_tls_ports = { }',
    'legacy_ssl_ports = { }',
    'http_ports = { }',
    'https_ports = { }',
    'log = { { levels = { min = "info" }, to = "console" } }',
    'modules_enabled = { "tls", "dialback", "disco", "ping", "saslauth", "roster" }',
    'modules_disabled = { "posix" }',
    's2s_require_encryption = false',
    options.secureAuth ? 's2s_secure_auth = true' : '',
    ...hosts.flatMap((host) => [
      `VirtualHost ${lua(host.domain)}`,
      `  ssl = { certificate = ${lua(host.certFile)}; key = ${lua(host.keyFile)}${host.cafile ? `; cafile = ${lua(host.cafile)}` : ''} }`,
      `  s2s_require_encryption = ${host.requireTls === true}`,
      host.allowTls === false ? '  s2s_allow_encryption = false' : '',
    ]),
    '',
  ].join('\n')
  const configFile = join(dir, 'prosody.cfg.lua')
  writeFileSync(configFile, config)
  const child = spawn(prosody, ['--config', configFile, '-F'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer): void => {
    if (output.length < 200_000) output += chunk.toString()
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  try {
    await Promise.race([waitForTcp('127.0.0.1', port, 15_000), exitedEarly(child, () => output)])
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return { port, log: () => output, stop: () => stopChild(child) }
}

function exitedEarly(child: ChildProcess, log: () => string): Promise<never> {
  return new Promise((_, reject) => {
    child.once('exit', (code) => reject(new Error(`prosody exited early (code ${code}):\n${log()}`)))
  })
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
