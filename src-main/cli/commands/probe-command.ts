/**
 * `xmpp-edge-doctor probe <domain>... [--from D] [--dns-server ip[:port]]... [--ca-file F]... [--timeout 5s]
 *  [--total-timeout 20s] [--concurrency N] [--connect host[:port]] [--partners-from <evidence>] [--json]
 *  [--lang en|zh-TW] [--verbose]`
 * Probes domains live, the way a federating server would, and reports the s2s-* checks.
 * Exit codes as for analyze: 0 healthy, 1 problems or not verified, 2 bad input.
 */
import { parseArgs } from '../parse-args'
import type { Evidence } from '../../../src-shared/evidence/evidence-model'
import { emptyEvidence } from '../../../src-shared/evidence/empty-evidence'
import { validateDomainName } from '../../../src-shared/validation/dns-name'
import { isEvidenceInputError } from '../../evidence-io/evidence-input-error'
import { ProbeOptionsError, type ProbeOptions } from '../../probe/probe-domain'
import { probeDomains } from '../../probe/probe-many'
import { EXIT_BAD_INPUT, EXIT_HEALTHY, EXIT_PROBLEMS, UsageError, type CliIo } from '../cli-io'
import { parseDomains, parseLocale } from '../common-options'
export { parseConnect } from '../connect-option'
import { parseConnect } from '../connect-option'
import { toJsonOutput } from '../json-output'
import { sourceNotice } from '../probe-beside-evidence'
import { CLIENT_CERT_OPTIONS, clientCertificateFrom, DEFAULT_MACHINE_STORE, type MachineStoreAccess } from '../client-cert-option'
import { parseDurationOption, PROBE_STEP_BOUNDS, PROBE_TOTAL_BOUNDS } from '../duration-option'
import { text, type Locale } from '../../../src-shared/i18n/localized'
import { optionError } from '../option-error'

export const PROBE_USAGE =
  'usage: xmpp-edge-doctor probe <domain>... [--from <our domain>] [--dns-server ip[:port]]... [--ca-file <pem>]... ' +
  '[--timeout 5s] [--total-timeout 20s] [--concurrency 8] [--connect host[:port]] [--source <local ip>] ' +
  '[--client-cert <pfx|pem> [--client-cert-password-env VAR] | --client-cert-thumbprint <sha1>] [--partners-from <evidence folder|zip>] ' +
  '[--json] [--lang en|zh-TW] [--verbose]'

const OPTIONS = {
  from: { type: 'string' },
  'dns-server': { type: 'string', multiple: true },
  'ca-file': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'total-timeout': { type: 'string' },
  concurrency: { type: 'string' },
  connect: { type: 'string' },
  source: { type: 'string' },
  ...CLIENT_CERT_OPTIONS,
  'partners-from': { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  verbose: { type: 'boolean', default: false },
} as const

/** Runs `probe`; returns the exit code. Bad arguments throw UsageError (main prints it, exit 2). */
export async function runProbeCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  store: MachineStoreAccess = DEFAULT_MACHINE_STORE,
): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  const requested = parseDomains(positionals, locale, 'domain')
  try {
    const evidence = values['partners-from'] ? await loadEvidence(values['partners-from']) : null
    // Partners see our outbound connections from the Access Edge external interface: offer it when the evidence shows it.
    const notice = evidence ? sourceNotice(evidence, values.source ?? null) : null
    if (notice) io.stderr(`xmpp-edge-doctor probe: ${notice[locale]}\n`)
    const partners = evidence ? partnerDomains(evidence) : []
    const domains = [...new Set([...requested, ...partners])]
    if (domains.length === 0) throw new UsageError(PROBE_USAGE)
    const ours = ourDomains(values.from, evidence, locale)
    const startedAt = new Date()
    const began = performance.now()
    const clientCertificate = await clientCertificateFrom(values, env, locale, store)
    const probing = probeDomains(domains, {
      ...probeOptions(values, ours[0] ?? null, locale),
      ...(clientCertificate ? { clientCertificate } : {}),
      concurrency: values.concurrency === undefined ? undefined : parseCount(values.concurrency, '--concurrency', locale),
    })
    const judging = loadJudgesWhileProbing()
    const reports = await probing
    const { buildProbeResult } = await judging
    const result = buildProbeResult(
      reports,
      { evidence: evidence ?? emptyEvidence(), domains: ours, partners: domains, now: new Date() },
      { startedAt, durationMs: Math.round(performance.now() - began) },
    )
    io.stdout(values.json ? toJsonOutput(result) : (await import('../../probe/render-probe')).renderProbeHuman(result, { locale, verbose: values.verbose }))
    return result.verdict === 'healthy' ? EXIT_HEALTHY : EXIT_PROBLEMS
  } catch (error) {
    if (error instanceof ProbeOptionsError || isEvidenceInputError(error)) {
      io.stderr(`xmpp-edge-doctor probe: ${error.localized[locale]}\n`)
      return EXIT_BAD_INPUT
    }
    throw error
  }
}

function probeOptions(values: { [K in keyof typeof OPTIONS]?: unknown }, from: string | null, locale: Locale): ProbeOptions {
  const stepTimeoutMs = typeof values.timeout === 'string' ? parseDurationOption(values.timeout, '--timeout', PROBE_STEP_BOUNDS, locale) : undefined
  const totalTimeoutMs =
    typeof values['total-timeout'] === 'string' ? parseDurationOption(values['total-timeout'], '--total-timeout', PROBE_TOTAL_BOUNDS, locale) : undefined
  return {
    from,
    dnsServers: asStrings(values['dns-server']),
    caFiles: asStrings(values['ca-file']),
    ...(stepTimeoutMs !== undefined ? { stepTimeoutMs } : {}),
    ...(totalTimeoutMs !== undefined ? { totalTimeoutMs } : {}),
    ...(typeof values.connect === 'string' ? { connect: parseConnect(values.connect, locale) } : {}),
    ...(typeof values.source === 'string' ? { sourceAddress: values.source } : {}),
  }
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function parseCount(value: string, flag: string, locale: Locale): number {
  if (!/^\d{1,3}$/.test(value.trim())) throw optionError(`${flag} ${JSON.stringify(value)}`, text('expected a whole number', '應為整數'), locale)
  return Number(value)
}


/**
 * The judges (every check, the troubleshooting tree: ≈ 3 ms of a probe process to load and initialise) are loaded
 * once the probe has sent its first queries, so that the loading runs while the probe waits on the network
 * (docs/probe.md, Figures). A failure to load is reported where the result is built; never an unhandled rejection.
 */
function loadJudgesWhileProbing(): Promise<typeof import('../../../src-shared/diagnostics/probe/probe-diagnosis')> {
  const loading = new Promise<typeof import('../../../src-shared/diagnostics/probe/probe-diagnosis')>((resolve, reject) => {
    setImmediate(() => import('../../../src-shared/diagnostics/probe/probe-diagnosis').then(resolve, reject))
  })
  loading.catch(() => undefined)
  return loading
}

// Loaded only for --partners-from: the evidence reader and the parsers (zip reader included) are a good part of what
// a plain probe process would otherwise load and compile at start (docs/probe.md, Figures).
async function loadEvidence(path: string): Promise<Evidence> {
  const [{ readEvidence }, { parseEvidence }] = await Promise.all([import('../../evidence-io/read-evidence'), import('../../../src-shared/evidence/parse-evidence')])
  const read = await readEvidence(path)
  return parseEvidence(read.files).evidence
}

/** Every partner domain (and additional domain) our evidence configures. */
function partnerDomains(evidence: Evidence): string[] {
  if (evidence.xmppPartners.state !== 'collected') return []
  return evidence.xmppPartners.value
    .flatMap((p) => [p.domain, ...p.additionalDomains])
    .map((d) => validateDomainName(d))
    .flatMap((checked) => (checked.ok ? [checked.value] : []))
}

/** --from, else the evidence manifest's XMPP (then SIP) domains. */
function ourDomains(from: string | undefined, evidence: Evidence | null, locale: 'en' | 'zh-TW'): string[] {
  if (from !== undefined) return parseDomains([from], locale, '--from')
  const manifest = evidence?.manifest.state === 'collected' ? evidence.manifest.value : null
  if (!manifest) return []
  const listed = manifest.xmppDomains.length > 0 ? manifest.xmppDomains : manifest.sipDomains
  return listed.map((d) => validateDomainName(d)).flatMap((checked) => (checked.ok ? [checked.value] : []))
}
