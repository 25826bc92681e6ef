import { describe, expect, it } from 'vitest'
import { buildLiveInvocation, buildStepScript } from '../../src-main/collection/live-invocation'
import {
  EVIDENCE_COMMANDS,
  ROLE_DETECTION_SCRIPT,
  SERVER_FACTS_SCRIPT,
  isCommandForRole,
} from '../../src-shared/collection/evidence-commands'
import { POWERSHELL_HELPERS, POWERSHELL_HELPER_NAMES } from '../../src-shared/collection/powershell-helpers'
import { EVIDENCE_FILE_NAMES } from '../../src-shared/evidence/evidence-model'
import { findSyntaxErrors, listCommandNames } from './powershell-syntax'
import { ALLOWED_COMMANDS, ALLOWED_STATIC_MEMBERS, findMutatingCommands, listStaticMembers } from './read-only-scan'

const byFile = (file: string) => {
  const command = EVIDENCE_COMMANDS.find((candidate) => candidate.file === file)
  if (!command) throw new Error(`no command for ${file}`)
  return command
}

const ALL_SCRIPTS: readonly [string, string][] = [
  ...EVIDENCE_COMMANDS.map((command): [string, string] => [command.file, command.script]),
  ['role detection', ROLE_DETECTION_SCRIPT],
  ['server facts', SERVER_FACTS_SCRIPT],
  ['helpers', POWERSHELL_HELPERS],
]

/** The only inputs a step may read (set by the collector's runner and by each live invocation). */
const STEP_INPUTS = ['XedDomains', 'XedSipDomains', 'XedRole', 'XedFqdn', 'XedEventDays', 'XedMaxUsers']

describe('EVIDENCE_COMMANDS', () => {
  it('has exactly one command per evidence file (manifest.json is written by the runner)', () => {
    const files = EVIDENCE_COMMANDS.map((command) => command.file)
    expect(new Set(files).size).toBe(files.length)
    expect([...files].sort()).toEqual(EVIDENCE_FILE_NAMES.filter((name) => name !== 'manifest.json').sort())
  })

  it('describes every command in English and Traditional Chinese', () => {
    for (const command of EVIDENCE_COMMANDS) {
      expect(command.description.en.length, command.file).toBeGreaterThan(5)
      expect(command.description['zh-TW'], command.file).toMatch(/[\u4e00-\u9fff]/)
      expect(command.command.length).toBeGreaterThan(3)
    }
  })

  it('matches the output kind to the file type', () => {
    for (const command of EVIDENCE_COMMANDS) {
      expect(command.output, command.file).toBe(command.file.endsWith('.json') ? 'json' : 'text')
      if (command.output === 'json') expect(command.jsonShape, command.file).toBeDefined()
    }
    expect(byFile('access-edge.json').jsonShape).toBe('object')
    expect(byFile('xmpp-gateway.json').jsonShape).toBe('object')
  })

  it.each(ALL_SCRIPTS)('%s: parses as PowerShell with no syntax error', async (_name, script) => {
    expect(await findSyntaxErrors(script)).toEqual([])
  })

  it.each(ALL_SCRIPTS)('%s: is ASCII, has no here-string and uses only the documented $Xed* inputs', (_name, script) => {
    // eslint-disable-next-line no-control-regex
    expect(script).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/)
    expect(script).not.toMatch(/@['"]\s*$/m) // re-indenting into the .ps1 is safe only without here-strings
    const inputs = new Set([...script.matchAll(/\$(Xed\w+|Domain|Role|OutputPath)\b/g)].map((match) => match[1]))
    for (const name of inputs) expect(STEP_INPUTS).toContain(name)
  })

  it.each(ALL_SCRIPTS)('%s: only reads (no state-changing command, only allowed commands)', async (_name, script) => {
    expect(findMutatingCommands(script)).toEqual([])
    for (const name of await listCommandNames(script)) {
      if (name === '{script block}') continue
      expect(ALLOWED_COMMANDS.has(name.toLowerCase()), name).toBe(true)
    }
    for (const member of listStaticMembers(script)) expect(ALLOWED_STATIC_MEMBERS.has(member), member).toBe(true)
    expect(script).not.toMatch(/\[IO\.(File|Directory)\]/) // the runner alone writes files
  })

  it('loads the Lync module exactly for the commands that call Get-Cs* cmdlets', () => {
    for (const command of EVIDENCE_COMMANDS) {
      expect(command.needsLyncModule, command.file).toBe(/\bGet-Cs\w+/.test(command.script))
    }
  })

  it('uses -LocalStore where DOMAIN-FACTS §2 documents it and never where it does not exist', () => {
    for (const file of ['access-edge.json', 'external-access-policies.json', 'xmpp-partners.json', 'xmpp-gateway.json']) {
      expect(byFile(file).script, file).toMatch(/-LocalStore\b/)
      expect(byFile(file).command, file).toContain('-LocalStore')
    }
    expect(byFile('topology.xml').script).toMatch(/Get-CsTopology -AsXml -LocalStore/)
    for (const cmdlet of ['Get-CsSite', 'Get-CsService', 'Get-CsUser', 'Get-CsCertificate', 'Get-CsManagementStoreReplicationStatus']) {
      for (const command of EVIDENCE_COMMANDS) {
        expect(command.script, `${command.file} ${cmdlet}`).not.toMatch(new RegExp(`${cmdlet}\\b[^\\n|]*-LocalStore`))
      }
    }
  })

  it('runs the Front End only cmdlets only on a Front End', () => {
    const frontEndOnly = EVIDENCE_COMMANDS.filter((command) => !command.roles.includes('Edge')).map((command) => command.file)
    expect(frontEndOnly).toEqual(['policy-grants.json', 'replication.json'])
    expect(isCommandForRole(byFile('replication.json'), 'Edge')).toBe(false)
    expect(isCommandForRole(byFile('replication.json'), 'FrontEnd')).toBe(true)
    expect(isCommandForRole(byFile('replication.json'), 'Unknown')).toBe(true)
  })

  it('never collects the dialback passphrase or other secrets', () => {
    expect(byFile('xmpp-gateway.json').script).toContain("-Exclude 'DialbackPassphrase'")
    expect(POWERSHELL_HELPERS).toMatch(/\$name -match 'Passphrase\|Password\|Secret\|Credential'/)
  })

  it('writes enums as names: the enum branch comes before the number branch', () => {
    const enumBranch = POWERSHELL_HELPERS.indexOf('if ($Value -is [Enum]) { return $Value.ToString() }')
    const numberBranch = POWERSHELL_HELPERS.indexOf('if ($typeCode -ge 5 -and $typeCode -le 15) { return $Value }')
    expect(enumBranch).toBeGreaterThan(0)
    expect(enumBranch).toBeLessThan(numberBranch)
    expect(byFile('certificates.json').script).toContain('Use = ConvertTo-XedString $_.Use')
    expect(byFile('xmpp-partners.json').script).toContain('ConvertTo-XedPlain')
  })

  it('defines every helper it lists', () => {
    for (const name of POWERSHELL_HELPER_NAMES) expect(POWERSHELL_HELPERS).toContain(`function ${name} {`)
  })

  it('detects the role from the service markers of DOMAIN-FACTS §1', () => {
    for (const marker of ['RTCMEDIARELAY', 'RTCMRAUTH', 'RTCDATAPROXY', "'* Access Edge'", 'RTCXMPPTGW', "'MASTER'"]) {
      expect(ROLE_DETECTION_SCRIPT).toContain(marker)
    }
  })
})

describe('live step scripts', () => {
  it.each(EVIDENCE_COMMANDS.map((command) => [command.file, command] as const))(
    '%s: the wrapped script and the one-line invocation parse cleanly',
    async (_file, command) => {
      const step = { ...command, name: command.file }
      expect(await findSyntaxErrors(buildStepScript(step))).toEqual([])
      const line = buildLiveInvocation(step, { domains: ['contoso.com'], role: 'Edge' })
      expect(line).not.toContain('\n')
      expect(await findSyntaxErrors(line)).toEqual([])
      expect(findMutatingCommands(buildStepScript(step))).toEqual([])
    },
  )
})
