import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COLLECTOR_SCRIPT_PATH, generateCollectorBytes } from '../../scripts/generate-collector'
import { renderCollectorScript } from '../../src-shared/collection/collector-script'
import { EVIDENCE_COMMANDS, ROLE_DETECTION_SCRIPT } from '../../src-shared/collection/evidence-commands'
import { POWERSHELL_HELPERS } from '../../src-shared/collection/powershell-helpers'
import { POWERSHELL_DOMAIN_PATTERN } from '../../src-shared/validation/dns-name'
import { findSyntaxErrors, listCommandNames } from './powershell-syntax'
import { ALLOWED_COMMANDS, ALLOWED_STATIC_MEMBERS, findMutatingCommands, listStaticMembers } from './read-only-scan'

const committed = readFileSync(COLLECTOR_SCRIPT_PATH)
const script = committed.subarray(3).toString('utf8')
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

describe('assets/Collect-XmppEvidence.ps1', () => {
  it('is exactly what scripts/generate-collector.ts produces from the command list now', () => {
    // When this fails: run "npx tsx scripts/generate-collector.ts" and commit the result.
    expect(Buffer.from(generateCollectorBytes()).equals(committed)).toBe(true)
  })

  it('is UTF-8 with a byte order mark, so Windows PowerShell 5.1 reads its Chinese messages correctly', () => {
    expect([...committed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(script).toContain('請在 XMPP Edge Doctor 中開啟')
    expect(script).not.toContain('\r')
  })

  it('parses as PowerShell with no syntax error', async () => {
    expect(await findSyntaxErrors(script)).toEqual([])
  })

  it('starts with help and a validated param block', () => {
    const param = script.slice(script.indexOf('[CmdletBinding()]'), script.indexOf('$ErrorActionPreference'))
    expect(script.indexOf('<#')).toBe(0)
    expect(param).toContain('[Parameter(Mandatory = $true)]')
    expect(param).toContain('[ValidateCount(1, 50)]')
    // No ValidatePattern: Windows PowerShell 3.0-5.1 would print the raw regex. The body checks the same pattern
    // and throws one readable sentence (tests/pester: a bad -Domain).
    expect(param).not.toContain('ValidatePattern')
    expect(script).toContain(`$XedDomainPattern = '${POWERSHELL_DOMAIN_PATTERN}'`)
    expect(script).toContain('if ([string]$domainName -notmatch $XedDomainPattern) {')
    // The SIP domains read from the server pass the same check before any step sees them.
    expect(script).toContain('if ($sipDomain -notmatch $XedDomainPattern) {')
    expect(script).toContain("'InvalidDomain'")
    expect(param).toContain('[string[]]$Domain')
    expect(param).toContain('[ValidateRange(1, 365)]\n    [int]$EventDays = 7')
    expect(param).toContain('[int]$CommandTimeoutSeconds = 600')
    expect(param).toContain('[int]$MaxUsers = 100000')
    expect(param).toContain("[ValidateSet('Edge', 'FrontEnd')]")
    expect(param).toContain('[string]$Role')
    expect(param).toContain("[string]$OutputPath = '.'")
    expect(script).toContain('Test-Path -LiteralPath $OutputPath -PathType Container')
  })

  it('embeds every command of the list with its file, roles and script', () => {
    const flat = squash(script)
    for (const command of EVIDENCE_COMMANDS) {
      expect(script).toContain(`File = '${command.file}'`)
      expect(flat, command.file).toContain(squash(command.script))
      expect(flat).toContain(`Roles = @(${command.roles.map((role) => `'${role}'`).join(', ')})`)
    }
    expect(flat).toContain(squash(ROLE_DETECTION_SCRIPT))
    expect(flat).toContain(squash(POWERSHELL_HELPERS))
    const order = EVIDENCE_COMMANDS.map((command) => script.indexOf(`File = '${command.file}'`))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('runs each command in try/catch, times it, and writes the manifest and the zip', () => {
    const loop = script.slice(script.indexOf('foreach ($command in $XedCommands)'))
    expect(loop).toMatch(/\$stopwatch = \[Diagnostics\.Stopwatch\]::StartNew\(\)\s+\$result = Get-XedStepResult -Script \$command\.Script\.ToString\(\)/)
    expect(loop).toContain("exitStatus = 'failed'")
    // The worker: each step in its own pipeline, bounded by -CommandTimeoutSeconds, stopped or abandoned.
    expect(script).toContain('$handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSeconds))')
    expect(script).toContain('$shell.BeginStop($null, $null)')
    expect(loop).toContain("exitStatus = 'skipped'")
    for (const key of ['format', 'version', 'host', 'fqdn', 'pool', 'role', 'collectedAt', 'eventDays', 'sipDomains', 'xmppDomains', 'collector', 'notes', 'files']) {
      expect(loop).toMatch(new RegExp(`\\n    ${key} = `))
    }
    expect(loop).toContain("'manifest.json'")
    expect(loop).toContain('Compress-Archive -LiteralPath $evidenceFiles -DestinationPath $zipPath')
    expect(script).toContain("$XedCollector = 'Collect-XmppEvidence.ps1 ")
  })

  it('only reads: no state-changing cmdlet anywhere, and only allowed commands and .NET members', async () => {
    expect(findMutatingCommands(script)).toEqual([])
    const unknown = (await listCommandNames(script)).filter(
      (name) => name !== '{script block}' && name !== '$command.Script' && !ALLOWED_COMMANDS.has(name.toLowerCase()),
    )
    expect(unknown).toEqual([])
    const members = listStaticMembers(script).filter((member) => !ALLOWED_STATIC_MEMBERS.has(member))
    expect(members).toEqual([])
  })

  it('keeps user input as data: domains are only validated, normalized and passed on', () => {
    const uses = [...script.matchAll(/\$Domain\b.*$/gm)].map((match) => match[0])
    expect(uses).toEqual(['$Domain,', '$Domain) {'])
    expect(script).toContain("$normalized = ([string]$domainName).TrimEnd('.').ToLowerInvariant()")
    expect(script).not.toMatch(/Invoke-Expression|\[ScriptBlock\]::Create|iex /i)
  })

  it('renders the version it is given', () => {
    expect(renderCollectorScript({ version: '7.7.7' })).toContain("$XedCollector = 'Collect-XmppEvidence.ps1 7.7.7'")
  })
})
