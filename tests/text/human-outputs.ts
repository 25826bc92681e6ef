/**
 * What a person reads, gathered from the real entry points: every demo scenario through the CLI (with the
 * checklist and the proof), the history list/show/diff of recorded demos in every report format, a watch, and
 * the live probe's view of synthetic reports, and the certificate preflight.
 * The time-zone test and the Traditional Chinese typography test scan these.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src-main/cli/main'
import { runWatchCommand, type WatchCommandDependencies } from '../../src-main/cli/commands/watch-command'
import { listScenarios } from '../../src-main/scenarios/scenario-catalog'
import type { Locale } from '../../src-shared/i18n/localized'
import { renderProbeHuman } from '../../src-main/probe/render-probe'
import { buildProbeResult } from '../../src-shared/diagnostics/probe/probe-diagnosis'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { features, healthyReport, withTarget } from '../probe/helpers/synthetic-report'
import { createCertFactory } from '../certificates/helpers/cert-factory'

export interface HumanOutput {
  /** What produced it, for the failure message: "demo proxy-service-stopped --lang zh-TW". */
  readonly source: string
  readonly text: string
}

async function cli(argv: readonly string[]): Promise<string> {
  let out = ''
  await runCli([...argv], { stdout: (s) => (out += s), stderr: (s) => (out += s) })
  return out
}

/** Every demo scenario's terminal output, with the checklist and the proof under every check. */
export async function demoOutputs(locale: Locale): Promise<HumanOutput[]> {
  const outputs: HumanOutput[] = []
  outputs.push({ source: `demo --lang ${locale}`, text: await cli(['demo', '--lang', locale]) })
  for (const scenario of await listScenarios()) {
    const argv = ['demo', scenario.name, '--lang', locale, '--checklist', '--verbose']
    outputs.push({ source: argv.join(' '), text: await cli(argv) })
  }
  return outputs
}

/** Scenarios recorded into a fresh history: a healthy run first, so `diff` has a baseline, then problems. */
const RECORDED = ['healthy-edge', 'proxy-service-stopped', 'incident-edge-proxy-stopped', 'xmpp-errors-year-old'] as const

/** `history list`, `show` in every format, and `diff`, over a few recorded demo runs (one with a note). */
export async function historyOutputs(locale: Locale): Promise<HumanOutput[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xed-human-history-'))
  try {
    const db = join(dir, 'history.sqlite')
    for (const scenario of RECORDED) await cli(['demo', scenario, '--db', db, '--lang', locale])
    await cli(['history', 'note', '2', 'Restarted the proxy at the partner\'s request', '--db', db])
    const outputs: HumanOutput[] = []
    const history = async (...args: string[]): Promise<void> => {
      const argv = ['history', ...args, '--db', db, '--lang', locale]
      outputs.push({ source: argv.join(' '), text: await cli(argv) })
    }
    await history('list')
    await history('diff', '2')
    await history('diff', '1', '2')
    for (let id = 1; id <= RECORDED.length; id++) {
      for (const format of ['md', 'html', 'status', 'partner']) await history('show', String(id), '--format', format)
    }
    return outputs
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A watch over a folder that goes from the stopped proxy to healthy, with a fake clock (no waiting). */
export async function watchOutput(locale: Locale): Promise<HumanOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'xed-human-watch-'))
  const folder = join(dir, 'EDGE01')
  const collectInto = (scenario: string): void => {
    rmSync(folder, { recursive: true, force: true })
    cpSync(join('tests/scenarios', scenario), folder, { recursive: true })
    rmSync(join(folder, 'scenario.json'), { force: true })
  }
  try {
    collectInto('proxy-service-stopped')
    let now = Date.parse('2026-11-20T01:30:00Z')
    let pauses = 0
    const deps: WatchCommandDependencies = {
      now: () => new Date(now),
      sleep: async (ms) => {
        pauses++
        if (pauses === 1) collectInto('healthy-edge')
        now += ms
      },
      onInterrupt: () => () => undefined,
      collectLive: async () => {
        throw new Error('not live')
      },
    }
    let text = ''
    const argv = [folder, '--interval', '30s', '--max', '5m', '--lang', locale]
    await runWatchCommand(argv, { stdout: (s) => (text += s), stderr: (s) => (text += s) }, {}, deps)
    return { source: `watch ${argv.join(' ')}`, text }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The live probe's terminal view, on synthetic reports (no network): a healthy partner, one whose server offers
 * no STARTTLS (a failure with a fix), and one cut short by the whole-probe limit.
 */
export function probeOutput(locale: Locale): HumanOutput {
  const now = new Date('2026-11-26T00:00:05Z')
  const noTls = withTarget(healthyReport('fabrikam.com'), { featuresBeforeTls: features({ starttls: false }), starttls: 'not-offered', tls: null, featuresAfterTls: null })
  const cut = { ...healthyReport('slow.example'), timedOut: true }
  const result = buildProbeResult(
    [healthyReport('jabber.org'), noTls, cut],
    { evidence: parseEvidence(new Map()).evidence, domains: ['contoso.com'], partners: [], now },
    { startedAt: now, durationMs: 120 },
  )
  return { source: `probe (synthetic) --lang ${locale} --verbose`, text: renderProbeHuman(result, { locale, verbose: true }) }
}

/** The certificate preflight of a certificate made by openssl that lacks the bare domain (a ✗ rule and a ✓ one). */
export async function certCheckOutput(locale: Locale): Promise<HumanOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'xed-human-cert-'))
  try {
    const leaf = createCertFactory(dir).leaf('edge', { san: 'DNS:sip.contoso.com', commonName: 'sip.contoso.com' })
    const argv = ['cert-check', leaf.certFile, '--domain', 'contoso.com', '--lang', locale]
    return { source: argv.join(' '), text: await cli(argv) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
