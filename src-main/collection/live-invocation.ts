import { POWERSHELL_HELPERS } from '../../src-shared/collection/powershell-helpers'

/** What one live invocation runs: a named script and how to turn its pipeline output into text. */
export interface LiveStep {
  /** Evidence file name or 'detect-role'; written into the script as a comment, for logs and test fakes. */
  readonly name: string
  readonly script: string
  readonly output: 'json' | 'text'
  readonly jsonShape?: 'array' | 'object'
  readonly needsLyncModule: boolean
}

/** The only data a live script reads: validated domains, the role and the collection limits. */
export interface LiveInput {
  readonly domains: readonly string[]
  /** The SIP domains this server read (validated DNS names); the DNS steps look them up beside the domains. */
  readonly sipDomains?: readonly string[]
  readonly role: 'Edge' | 'FrontEnd' | 'Unknown'
  /** This computer's FQDN as detected (null until known). */
  readonly fqdn?: string | null
  /** Event log window in days (default 7). */
  readonly eventDays?: number
  /** Get-CsUser -ResultSize (default 100000). */
  readonly maxUsers?: number
}

/** Defaults shared with Collect-XmppEvidence.ps1's parameters. */
export const DEFAULT_EVENT_DAYS = 7
export const DEFAULT_MAX_USERS = 100_000

/** What the script reported: the file's text, or the PowerShell error message; notes say how it was collected. */
export type LiveResult =
  | { readonly ok: true; readonly text: string; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly notes: readonly string[] }

/** Prefix of the one stdout line that carries a step's result. */
export const RESULT_MARKER = 'XED-RESULT:'

const STEP_NAME = /^[a-z0-9.-]+$/

function toBase64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64')
}

/**
 * The script that runs inside PowerShell: helpers, then the step in try/catch, then ONE line
 * `XED-RESULT:ok:<base64 UTF-8>:<base64 notes JSON>` or `XED-RESULT:error:...`. Base64 because native
 * command output on e.g. a zh-TW server is CP950 and the console stream would garble it.
 */
export function buildStepScript(step: LiveStep): string {
  if (!STEP_NAME.test(step.name)) throw new Error(`invalid step name ${JSON.stringify(step.name)}`)
  const format =
    step.output === 'json'
      ? `$xedText = ConvertTo-XedJson -Items $xedItems -Shape '${step.jsonShape ?? 'array'}'`
      : '$xedText = $xedItems | Out-String -Width 4096'
  return [
    `# xed-command: ${step.name}`,
    "$ErrorActionPreference = 'Stop'",
    "$WarningPreference = 'SilentlyContinue'",
    "$ProgressPreference = 'SilentlyContinue'",
    // Per step, as in the collector's worker: notes and the cached topology never leak into the next step.
    '$script:XedNotes = New-Object System.Collections.ArrayList',
    '$script:XedTopologyXml = $null',
    POWERSHELL_HELPERS,
    // The notes are read when the result line is printed (a script block, so the catch branch sees them too).
    "$xedNotes = ''",
    'function Get-XedNotesText { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject @($script:XedNotes | ForEach-Object { [string]$_ }) -Compress))) }',
    'try {',
    step.needsLyncModule ? '    Import-XedLyncModule' : '',
    '    $xedItems = @(& {',
    step.script,
    '    })',
    `    ${format}`,
    '    $xedNotes = Get-XedNotesText',
    `    [Console]::Out.WriteLine('${RESULT_MARKER}ok:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$xedText)) + ':' + $xedNotes)`,
    '} catch {',
    "    $xedError = [string]$_.Exception.Message + ' [' + [string]$_.FullyQualifiedErrorId + ']'",
    '    $xedNotes = Get-XedNotesText',
    `    [Console]::Out.WriteLine('${RESULT_MARKER}error:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($xedError)) + ':' + $xedNotes)`,
    '}',
    '',
  ].join('\n')
}

/**
 * The single line written to PowerShell's stdin. User input travels only as base64 JSON inside a
 * single-quoted literal (base64 has no quote, so it cannot end the string), and the step script
 * as base64 too: one line, ASCII only, so `-Command -` parses it whole whatever the console code page.
 */
export function buildLiveInvocation(step: LiveStep, input: LiveInput): string {
  const data = toBase64(
    JSON.stringify({
      domains: input.domains,
      sipDomains: input.sipDomains ?? [],
      role: input.role,
      fqdn: input.fqdn ?? null,
      eventDays: input.eventDays ?? DEFAULT_EVENT_DAYS,
      maxUsers: input.maxUsers ?? DEFAULT_MAX_USERS,
    }),
  )
  const script = toBase64(buildStepScript(step))
  return [
    `$XedInput = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${data}')) | ConvertFrom-Json`,
    '$XedDomains = [string[]]@($XedInput.domains)',
    '$XedSipDomains = [string[]]@($XedInput.sipDomains)',
    '$XedRole = [string]$XedInput.role',
    '$XedFqdn = $XedInput.fqdn',
    '$XedEventDays = [int]$XedInput.eventDays',
    '$XedMaxUsers = [int]$XedInput.maxUsers',
    `& ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${script}'))))`,
  ].join('; ')
}

// Not anchored at the line start: pwsh 7 on a redirected console may put terminal mode sequences (ESC[?1h) in
// front of the first line it prints.
const RESULT_LINE = /XED-RESULT:(ok|error):([A-Za-z0-9+/=]*)(?::([A-Za-z0-9+/=]*))?\s*$/
const MAX_NOTES = 20
const MAX_NOTE_CHARS = 2000

function decodeNotes(base64: string | undefined): readonly string[] {
  if (!base64) return []
  try {
    const value: unknown = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'))
    const list = Array.isArray(value) ? value : [value]
    return list
      .filter((note): note is string => typeof note === 'string' && note.length > 0)
      .slice(0, MAX_NOTES)
      .map((note) => (note.length > MAX_NOTE_CHARS ? `${note.slice(0, MAX_NOTE_CHARS)}…` : note))
  } catch {
    return []
  }
}

/** Finds the step's result line in stdout; null when there is none (the script never finished). */
export function readLiveResult(stdout: string): LiveResult | null {
  let found: RegExpExecArray | null = null
  for (const line of stdout.split(/\r?\n/)) {
    const match = RESULT_LINE.exec(line)
    if (match) found = match
  }
  if (!found) return null
  const decoded = Buffer.from(found[2] ?? '', 'base64').toString('utf8')
  const notes = decodeNotes(found[3])
  return found[1] === 'ok' ? { ok: true, text: decoded, notes } : { ok: false, error: decoded, notes }
}
