import { hostname } from 'node:os'
import {
  EVIDENCE_COMMANDS,
  ROLE_DETECTION_SCRIPT,
  SERVER_FACTS_SCRIPT,
  isCommandForRole,
  type CollectorRole,
  type EvidenceCommand,
} from '../../src-shared/collection/evidence-commands'
import type {
  EvidenceFileName,
  EvidenceManifest,
  ManifestFileEntry,
  RawEvidenceFiles,
  ServerRole,
} from '../../src-shared/evidence/evidence-model'
import { text } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { PowerShellError, type PowerShellSession, type PowerShellSessionFactory } from '../powershell/powershell-session'
import { buildLiveInvocation, DEFAULT_EVENT_DAYS, DEFAULT_MAX_USERS, readLiveResult, type LiveInput } from './live-invocation'

/** A sensible per-command limit: loading the Lync module alone can take tens of seconds on a busy Edge. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000

const MAX_DOMAINS = 50
/** The largest evidence file a live command may produce (the reader's own caps apply afterwards). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
const MAX_ERROR_CHARS = 2000

/** One step of a live collection, for a progress display. */
export interface CollectionProgress {
  readonly file: EvidenceFileName
  readonly state: 'running' | 'ok' | 'failed' | 'skipped'
  readonly durationMs: number | null
  readonly error: string | null
}

/** What to collect and how. */
export interface LiveCollectionOptions {
  /** XMPP domains as the user typed them; each is validated before anything runs. */
  readonly domains: readonly string[]
  /** Overrides the detected role. */
  readonly role?: CollectorRole
  readonly timeoutPerCommandMs: number
  /** Days of the "Lync Server" event log to collect (levels 1-3); default 7, like the script's -EventDays. */
  readonly eventDays?: number
  /** A command whose output is larger fails with a message instead of being kept (default 64 MiB). */
  readonly maxFileBytes?: number
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: CollectionProgress) => void
  /** This application's version, recorded as "xmpp-edge-doctor <version> (live)". */
  readonly appVersion: string
}

/** The collected evidence: the same file names and bytes a collector folder holds, manifest.json included. */
export interface LiveCollection {
  readonly files: RawEvidenceFiles
  readonly manifest: EvidenceManifest
}

/** Bad options (e.g. a domain that is not a DNS name); nothing was run. */
export class CollectionInputError extends LocalizedError {
  override readonly name = 'CollectionInputError'
}

/** The AbortSignal fired; `partial` holds what was collected until then. */
export class CollectionCancelledError extends LocalizedError {
  override readonly name = 'CollectionCancelledError'
  constructor(readonly partial: LiveCollection) {
    super(text('The collection was cancelled.', '已取消收集。'))
  }
}

function validateOptions(options: LiveCollectionOptions): readonly string[] {
  if (options.domains.length === 0) {
    throw new CollectionInputError(text('Enter at least one XMPP domain.', '請至少輸入一個 XMPP 網域。'))
  }
  if (options.domains.length > MAX_DOMAINS) {
    throw new CollectionInputError(
      text(`At most ${MAX_DOMAINS} domains can be checked at once.`, `一次最多只能檢查 ${MAX_DOMAINS} 個網域。`),
    )
  }
  const domains: string[] = []
  for (const input of options.domains) {
    const result = validateDomainName(input)
    if (!result.ok) throw new CollectionInputError(result.error)
    if (!domains.includes(result.value)) domains.push(result.value)
  }
  if (options.role !== undefined && options.role !== 'Edge' && options.role !== 'FrontEnd') {
    throw new CollectionInputError(
      text('The role must be Edge or FrontEnd.', '角色必須是 Edge 或 FrontEnd。'),
    )
  }
  const days = options.eventDays ?? DEFAULT_EVENT_DAYS
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new CollectionInputError(
      text('The event log window must be 1 to 365 days.', '事件記錄檔的期間必須介於 1 到 365 天之間。'),
    )
  }
  const timeout = options.timeoutPerCommandMs
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3_600_000) {
    throw new CollectionInputError(
      text(
        'The time limit per command must be between 1 ms and 1 hour.',
        '每個命令的時間限制必須介於 1 毫秒到 1 小時之間。',
      ),
    )
  }
  return domains
}

function shorten(message: string): string {
  const trimmed = message.trim()
  return trimmed.length > MAX_ERROR_CHARS ? `${trimmed.slice(0, MAX_ERROR_CHARS)}…` : trimmed
}

/** One collection while it runs: what it has learnt about the server and the files collected so far (mutable). */
interface CollectionInProgress {
  readonly domains: readonly string[]
  readonly collectedAt: string
  readonly appVersion: string
  host: string
  fqdn: string | null
  pool: string | null
  sipDomains: readonly string[]
  readonly notes: string[]
  readonly eventDays: number
  role: ServerRole
  readonly files: Map<EvidenceFileName, Uint8Array>
  readonly entries: ManifestFileEntry[]
}

function buildResult(state: CollectionInProgress): LiveCollection {
  const manifest: EvidenceManifest = {
    format: 'xmpp-edge-doctor/evidence',
    version: 1,
    host: state.host,
    role: state.role,
    collectedAt: state.collectedAt,
    sipDomains: [...state.sipDomains],
    xmppDomains: [...state.domains],
    collector: `xmpp-edge-doctor ${state.appVersion} (live)`,
    files: [...state.entries],
    fqdn: state.fqdn,
    pool: state.pool,
    eventDays: state.eventDays,
    notes: [...state.notes],
  }
  const files = new Map(state.files)
  files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`))
  return { files, manifest }
}

function isCancellation(error: unknown, signal: AbortSignal | undefined): boolean {
  return (error instanceof PowerShellError && error.kind === 'cancelled') || signal?.aborted === true
}

/** Asks PowerShell for the host name and role; on failure keeps Node's host name and 'Unknown'. */
async function detectHost(session: PowerShellSession, state: CollectionInProgress, options: LiveCollectionOptions): Promise<void> {
  const invocation = buildLiveInvocation(
    { name: 'detect-role', script: ROLE_DETECTION_SCRIPT, output: 'json', jsonShape: 'object', needsLyncModule: false },
    { domains: state.domains, role: 'Unknown' },
  )
  try {
    const output = await session.invoke(invocation, { timeoutMs: options.timeoutPerCommandMs, signal: options.signal })
    const result = readLiveResult(output.stdout)
    if (result?.ok) {
      const info = JSON.parse(result.text) as { Host?: unknown; Fqdn?: unknown; Role?: unknown }
      if (typeof info.Host === 'string' && info.Host.length > 0) state.host = info.Host
      if (typeof info.Fqdn === 'string' && info.Fqdn.length > 0) state.fqdn = info.Fqdn.toLowerCase()
      if (info.Role === 'Edge' || info.Role === 'FrontEnd') state.role = info.Role
    }
  } catch (error) {
    // Without PowerShell nothing can be collected: say so instead of recording 19 failures.
    if (error instanceof PowerShellError && error.kind === 'unavailable') throw error
    if (isCancellation(error, options.signal)) throw error
  }
  if (options.role) state.role = options.role
}

function inputOf(state: CollectionInProgress): LiveInput {
  return { domains: state.domains, sipDomains: state.sipDomains, role: state.role, fqdn: state.fqdn, eventDays: state.eventDays, maxUsers: DEFAULT_MAX_USERS }
}

/** The SIP domains and this computer's pool (SERVER_FACTS_SCRIPT); a failure becomes a note, never an error. */
async function readServerFacts(session: PowerShellSession, state: CollectionInProgress, options: LiveCollectionOptions): Promise<void> {
  const step = { name: 'server-facts.json', script: SERVER_FACTS_SCRIPT, output: 'json', jsonShape: 'object', needsLyncModule: true } as const
  try {
    const output = await session.invoke(buildLiveInvocation(step, inputOf(state)), {
      timeoutMs: options.timeoutPerCommandMs,
      signal: options.signal,
    })
    const result = readLiveResult(output.stdout)
    if (!result?.ok) {
      state.notes.push(`The SIP domains and the pool of this computer could not be read: ${shorten(result && !result.ok ? result.error : output.stderr || 'no result')}`)
      return
    }
    const facts = JSON.parse(result.text) as { SipDomains?: unknown; Pool?: unknown; Notes?: unknown }
    const domains = Array.isArray(facts.SipDomains) ? facts.SipDomains : [facts.SipDomains]
    // Read from the server, so validated like --domain: the DNS steps look them up.
    state.sipDomains = [...new Set(domains.filter((d): d is string => typeof d === 'string' && validateDomainName(d).ok).map((d) => d.toLowerCase().replace(/\.$/, '')))]
    if (typeof facts.Pool === 'string' && facts.Pool.length > 0) state.pool = facts.Pool.toLowerCase()
    const notes = Array.isArray(facts.Notes) ? facts.Notes : [facts.Notes]
    state.notes.push(...notes.filter((n): n is string => typeof n === 'string').map(shorten))
  } catch (error) {
    if (error instanceof PowerShellError && error.kind === 'unavailable') throw error
    if (isCancellation(error, options.signal)) throw error
    state.notes.push(`The SIP domains and the pool of this computer could not be read: ${shorten(error instanceof Error ? error.message : String(error))}`)
  }
}

/** Runs one command and records its file, manifest entry and progress. Rethrows only a cancellation. */
async function runCommand(
  session: PowerShellSession,
  command: EvidenceCommand,
  state: CollectionInProgress,
  options: LiveCollectionOptions,
): Promise<void> {
  const report = (entry: ManifestFileEntry): void => {
    state.entries.push(entry)
    options.onProgress?.({ file: command.file, state: entry.exitStatus, durationMs: entry.durationMs, error: entry.error })
  }
  const base = { name: command.file, command: command.command }
  if (!isCommandForRole(command, state.role)) {
    const error = `Runs only on: ${command.roles.join(', ')}; this server: ${state.role}.`
    report({ ...base, exitStatus: 'skipped', error, durationMs: null })
    return
  }
  options.onProgress?.({ file: command.file, state: 'running', durationMs: null, error: null })
  const input = inputOf(state)
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  try {
    const step = { ...command, name: command.file }
    const output = await session.invoke(buildLiveInvocation(step, input), {
      timeoutMs: options.timeoutPerCommandMs,
      signal: options.signal,
    })
    const result = readLiveResult(output.stdout)
    if (result === null) {
      const detail = output.stderr.trim() || 'PowerShell printed no result.'
      report({ ...base, exitStatus: 'failed', error: shorten(detail), durationMs: elapsed() })
    } else if (!result.ok) {
      report({ ...base, exitStatus: 'failed', error: shorten(result.error), durationMs: elapsed(), ...notesOf(result.notes) })
    } else {
      const bytes = new TextEncoder().encode(result.text)
      const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
      if (bytes.byteLength > limit) {
        const error = `Output of ${bytes.byteLength} bytes exceeds the ${limit}-byte limit.`
        report({ ...base, exitStatus: 'failed', error, durationMs: elapsed() })
      } else {
        state.files.set(command.file, bytes)
        report({ ...base, exitStatus: 'ok', error: null, durationMs: elapsed(), ...notesOf(result.notes) })
      }
    }
  } catch (error) {
    if (isCancellation(error, options.signal)) throw error
    const message = error instanceof Error ? error.message : String(error)
    report({ ...base, exitStatus: 'failed', error: shorten(message), durationMs: elapsed() })
  }
}

function notesOf(notes: readonly string[]): { notes?: readonly string[] } {
  return notes.length > 0 ? { notes } : {}
}

function markRemainingCancelled(state: CollectionInProgress): void {
  const done = new Set(state.entries.map((entry) => entry.name))
  for (const command of EVIDENCE_COMMANDS) {
    if (done.has(command.file)) continue
    state.entries.push({
      name: command.file,
      command: command.command,
      exitStatus: 'skipped',
      error: 'The collection was cancelled.',
      durationMs: null,
    })
  }
}

/**
 * Collects the evidence live on this server through one PowerShell session, running the same
 * command list as Collect-XmppEvidence.ps1. A command's failure or timeout is recorded and the
 * rest go on; the AbortSignal stops the run promptly (CollectionCancelledError with what was
 * collected); a PowerShell that cannot start at all rejects with PowerShellError 'unavailable'.
 */
export async function collectLive(
  createSession: PowerShellSessionFactory,
  options: LiveCollectionOptions,
): Promise<LiveCollection> {
  const domains = validateOptions(options)
  const state: CollectionInProgress = {
    domains,
    collectedAt: new Date().toISOString(),
    appVersion: options.appVersion,
    host: hostname(),
    fqdn: null,
    pool: null,
    sipDomains: [],
    notes: [],
    eventDays: options.eventDays ?? DEFAULT_EVENT_DAYS,
    role: 'Unknown',
    files: new Map(),
    entries: [],
  }
  if (options.signal?.aborted) {
    markRemainingCancelled(state)
    throw new CollectionCancelledError(buildResult(state))
  }
  const session = createSession()
  try {
    await detectHost(session, state, options)
    await readServerFacts(session, state, options)
    for (const command of EVIDENCE_COMMANDS) {
      if (options.signal?.aborted) throw new PowerShellError('cancelled', text('Cancelled.', '已取消。'))
      await runCommand(session, command, state, options)
    }
  } catch (error) {
    if (isCancellation(error, options.signal)) {
      markRemainingCancelled(state)
      throw new CollectionCancelledError(buildResult(state))
    }
    throw error
  } finally {
    await session.dispose().catch(() => undefined)
  }
  return buildResult(state)
}
