/**
 * What Windows PowerShell 3.0 (Windows Server 2008 R2 SP1 / 2012 with WMF 3.0, the oldest host of Lync Server 2013)
 * accepts, as data with sources, and a judge that applies it to the facts PowerShell's own parser reports
 * (ps-ast-facts.ps1). An allow-list: a command or parameter that is not here fails the test until someone checks
 * that 3.0 has it and adds it with its source.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { requirePwsh } from './find-pwsh'

const REF = 'https://learn.microsoft.com/powershell/module'
const WHATS_NEW_40 = 'https://learn.microsoft.com/powershell/scripting/windows-powershell/whats-new/what-s-new-in-windows-powershell-40'
const WHATS_NEW_50 = 'https://learn.microsoft.com/powershell/scripting/windows-powershell/whats-new/what-s-new-in-windows-powershell-50'
const WHATS_NEW_70 = 'https://learn.microsoft.com/powershell/scripting/whats-new/what-s-new-in-powershell-70'
const LYNC = 'https://learn.microsoft.com/powershell/module/skypeforbusiness'

/** Syntax newer than 3.0: the parser's construct name, the version that brought it, and the source. */
export const NEWER_SYNTAX: Readonly<Record<string, { readonly since: string; readonly source: string }>> = {
  class: { since: '5.0', source: `${WHATS_NEW_50} (classes; about_Classes)` },
  enum: { since: '5.0', source: `${WHATS_NEW_50} (enum; about_Enum)` },
  using: { since: '5.0', source: `${WHATS_NEW_50} (using module / using namespace; about_Using)` },
  '::new()': { since: '5.0', source: `${WHATS_NEW_50} ([Type]::new(); about_Classes)` },
  '.Where()': { since: '4.0', source: `${WHATS_NEW_40} (Where and ForEach methods on collections; about_Arrays)` },
  '.ForEach()': { since: '4.0', source: `${WHATS_NEW_40} (Where and ForEach methods on collections; about_Arrays)` },
  'dynamic keyword': { since: '4.0', source: `${WHATS_NEW_40} (Desired State Configuration keywords)` },
  '`u{}': { since: '6.0', source: `${REF}/microsoft.powershell.core/about/about_special_characters (Unicode escape, PowerShell 6.0)` },
  '&&/||': { since: '7.0', source: `${WHATS_NEW_70} (pipeline chain operators; about_Pipeline_Chain_Operators)` },
  ternary: { since: '7.0', source: `${WHATS_NEW_70} (ternary operator a ? b : c; about_Operators)` },
  '??': { since: '7.0', source: `${WHATS_NEW_70} (null-coalescing operators; about_Operators)` },
  '??=': { since: '7.0', source: `${WHATS_NEW_70} (null-coalescing assignment; about_Assignment_Operators)` },
  '?.': { since: '7.1', source: `${REF}/microsoft.powershell.core/about/about_operators (null-conditional operators, PowerShell 7.1)` },
  '?[]': { since: '7.1', source: `${REF}/microsoft.powershell.core/about/about_operators (null-conditional operators, PowerShell 7.1)` },
}

/** Common parameters of 3.0 (about_CommonParameters; PipelineVariable came in 4.0, InformationAction/-Variable in 5.0). */
const COMMON = ['ErrorAction', 'ErrorVariable', 'WarningAction', 'WarningVariable', 'OutVariable', 'OutBuffer', 'Verbose', 'Debug']

/** A command the scripts may call, the parameters they may give it, and where that is documented. */
export interface AllowedCommand {
  readonly parameters: readonly string[]
  readonly source: string
  /** Present only from a later version: allowed only inside `if (Get-Command -Name <it> ...)`. */
  readonly guardedSince?: string
}

const cmd = (parameters: readonly string[], source: string, guardedSince?: string): AllowedCommand =>
  guardedSince === undefined ? { parameters, source } : { parameters, source, guardedSince }

/**
 * The allow-list. Windows PowerShell cmdlets: the 5.1 reference (?view=powershell-5.1), each parameter checked to
 * be there in 3.0 ("introduced in" notes and the What's New pages of 4.0/5.0 list the later ones). Lync cmdlets:
 * the Lync Server 2013 cmdlet reference. Native programs: their arguments as the parser sees them.
 */
export const ALLOWED_COMMANDS: Readonly<Record<string, AllowedCommand>> = {
  'Get-Service': cmd(['Name'], `${REF}/microsoft.powershell.management/get-service?view=powershell-5.1`),
  'Get-CimInstance': cmd(['ClassName', 'Filter', 'Namespace'], `${REF}/cimcmdlets/get-ciminstance?view=powershell-5.1 (introduced in 3.0)`),
  'Get-WmiObject': cmd(['Class', 'Filter', 'Namespace'], `${REF}/microsoft.powershell.management/get-wmiobject?view=powershell-5.1`),
  'Get-Process': cmd(['Id'], `${REF}/microsoft.powershell.management/get-process?view=powershell-5.1 (-IncludeUserName is 4.0: not used)`),
  'Get-WinEvent': cmd(['FilterHashtable', 'MaxEvents', 'LogName', 'ListLog'], `${REF}/microsoft.powershell.diagnostics/get-winevent?view=powershell-5.1 (2.0)`),
  'Get-ChildItem': cmd(['Path', 'LiteralPath'], `${REF}/microsoft.powershell.management/get-childitem?view=powershell-5.1 (-Depth is 5.0: ${WHATS_NEW_50})`),
  'Get-Date': cmd([], `${REF}/microsoft.powershell.utility/get-date?view=powershell-5.1`),
  'Get-Module': cmd(['Name'], `${REF}/microsoft.powershell.core/get-module?view=powershell-5.1`),
  'Get-Command': cmd(['Name'], `${REF}/microsoft.powershell.core/get-command?view=powershell-5.1`),
  'Get-UICulture': cmd([], `${REF}/microsoft.powershell.utility/get-uiculture?view=powershell-5.1`),
  'Get-Variable': cmd(['Name', 'ValueOnly'], `${REF}/microsoft.powershell.utility/get-variable?view=powershell-5.1`),
  'Import-Module': cmd(['Name', 'DisableNameChecking', 'Global'], `${REF}/microsoft.powershell.core/import-module?view=powershell-5.1`),
  'Resolve-Path': cmd(['LiteralPath'], `${REF}/microsoft.powershell.management/resolve-path?view=powershell-5.1`),
  'Test-Path': cmd(['LiteralPath', 'PathType'], `${REF}/microsoft.powershell.management/test-path?view=powershell-5.1`),
  'Join-Path': cmd([], `${REF}/microsoft.powershell.management/join-path?view=powershell-5.1 (-AdditionalChildPath is 6.0: not used)`),
  'Where-Object': cmd([], `${REF}/microsoft.powershell.core/where-object?view=powershell-5.1`),
  'ForEach-Object': cmd([], `${REF}/microsoft.powershell.core/foreach-object?view=powershell-5.1 (-Parallel is 7.0: ${WHATS_NEW_70})`),
  'Sort-Object': cmd(['Property'], `${REF}/microsoft.powershell.utility/sort-object?view=powershell-5.1`),
  'Select-Object': cmd(['Unique', 'First', 'Skip', 'Property', 'ExpandProperty'], `${REF}/microsoft.powershell.utility/select-object?view=powershell-5.1 (-SkipLast is 5.0)`),
  'Group-Object': cmd(['Property', 'NoElement'], `${REF}/microsoft.powershell.utility/group-object?view=powershell-5.1`),
  'Out-String': cmd(['Width'], `${REF}/microsoft.powershell.utility/out-string?view=powershell-5.1 (-NoNewline is 5.0)`),
  'ConvertTo-Json': cmd(['InputObject', 'Depth', 'Compress'], `${REF}/microsoft.powershell.utility/convertto-json?view=powershell-5.1 (introduced in 3.0; -AsArray and -EnumsAsStrings are PowerShell 6+)`),
  'ConvertFrom-Json': cmd(['InputObject'], `${REF}/microsoft.powershell.utility/convertfrom-json?view=powershell-5.1 (introduced in 3.0; -AsHashtable and -Depth are PowerShell 6+)`),
  'Write-Host': cmd(['ForegroundColor'], `${REF}/microsoft.powershell.utility/write-host?view=powershell-5.1`),
  'New-Object': cmd(['TypeName', 'ArgumentList'], `${REF}/microsoft.powershell.utility/new-object?view=powershell-5.1`),
  'Compress-Archive': cmd(['LiteralPath', 'DestinationPath'], `${REF}/microsoft.powershell.archive/compress-archive?view=powershell-5.1 (${WHATS_NEW_50})`, '5.0'),
  'Resolve-DnsName': cmd(['Name', 'Type', 'DnsOnly', 'Server'], `${REF}/dnsclient/resolve-dnsname (DnsClient module, Windows Server 2012 and later; guarded by Get-Command)`, '3.0 on Windows Server 2012'),
  'netstat.exe': cmd(['ano'], 'https://learn.microsoft.com/windows-server/administration/windows-commands/netstat'),
  'tasklist.exe': cmd(['svc', 'fo'], 'https://learn.microsoft.com/windows-server/administration/windows-commands/tasklist'),
  // Lync Server 2013 module (Get- cmdlets only; -LocalStore where documented, DOMAIN-FACTS section 2).
  'Get-CsServerVersion': cmd([], `${LYNC}/get-csserverversion`),
  'Get-CsSite': cmd([], `${LYNC}/get-cssite`),
  'Get-CsTopology': cmd(['AsXml', 'LocalStore'], `${LYNC}/get-cstopology`),
  'Get-CsService': cmd(['EdgeServer'], `${LYNC}/get-csservice`),
  'Get-CsAccessEdgeConfiguration': cmd(['LocalStore'], `${LYNC}/get-csaccessedgeconfiguration`),
  'Get-CsExternalAccessPolicy': cmd(['LocalStore'], `${LYNC}/get-csexternalaccesspolicy`),
  'Get-CsUser': cmd(['ResultSize'], `${LYNC}/get-csuser`),
  'Get-CsXmppAllowedPartner': cmd(['LocalStore'], `${LYNC}/get-csxmppallowedpartner`),
  'Get-CsXmppGatewayConfiguration': cmd(['LocalStore'], `${LYNC}/get-csxmppgatewayconfiguration`),
  'Get-CsCertificate': cmd([], `${LYNC}/get-cscertificate`),
  'Get-CsManagementStoreReplicationStatus': cmd([], `${LYNC}/get-csmanagementstorereplicationstatus`),
  'Get-CsSipDomain': cmd([], `${LYNC}/get-cssipdomain`),
  'Get-CsComputer': cmd(['Identity'], `${LYNC}/get-cscomputer`),
}

/** What ps-ast-facts.ps1 reports for one file. */
interface FileFacts {
  readonly path: string
  readonly errors: readonly string[]
  readonly constructs: readonly { readonly kind: string; readonly line: number; readonly text: string }[]
  readonly commands: readonly { readonly name: string; readonly line: number; readonly parameters: readonly string[]; readonly guarded: boolean }[]
  readonly functions: readonly string[]
}

/** Runs PowerShell's parser on the files (one pwsh process) and returns its facts. */
export async function readAstFacts(paths: readonly string[]): Promise<FileFacts[]> {
  const script = join(import.meta.dirname, 'ps-ast-facts.ps1')
  const { stdout } = await promisify(execFile)(requirePwsh(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script, ...paths], {
    timeout: 120_000,
    maxBuffer: 32 * 1024 * 1024,
    env: {
      ...process.env,
      XED_GUARDABLE_COMMANDS: Object.entries(ALLOWED_COMMANDS)
        .filter(([, allowed]) => allowed.guardedSince !== undefined)
        .map(([name]) => name)
        .join(','),
    },
  })
  return JSON.parse(stdout) as FileFacts[]
}

/** Every way the facts break Windows PowerShell 3.0, as "file:line what (since X; source)" lines. */
export function findIncompatibilities(facts: readonly FileFacts[]): string[] {
  const problems: string[] = []
  for (const file of facts) {
    const where = (line: number): string => `${file.path.split(/[/\\]/).pop() ?? file.path}:${line}`
    for (const error of file.errors) problems.push(`${file.path}: parse error ${error}`)
    for (const construct of file.constructs) {
      const rule = NEWER_SYNTAX[construct.kind]
      problems.push(`${where(construct.line)} ${construct.kind} "${construct.text.trim()}" (PowerShell ${rule?.since ?? '?'}; ${rule?.source ?? 'unknown construct'})`)
    }
    const own = new Set(file.functions.map((name) => name.toLowerCase()))
    for (const command of file.commands) {
      if (own.has(command.name.toLowerCase())) continue
      const entry = Object.entries(ALLOWED_COMMANDS).find(([name]) => name.toLowerCase() === command.name.toLowerCase())
      if (!entry) {
        problems.push(`${where(command.line)} ${command.name}: not in the table of commands checked against PowerShell 3.0`)
        continue
      }
      const [name, allowed] = entry
      if (allowed.guardedSince !== undefined && !command.guarded) {
        problems.push(`${where(command.line)} ${name} exists only from PowerShell ${allowed.guardedSince}: call it inside if (Get-Command -Name ${name} ...) (${allowed.source})`)
      }
      const known = new Set([...allowed.parameters, ...COMMON].map((p) => p.toLowerCase()))
      for (const parameter of command.parameters) {
        if (!known.has(parameter.toLowerCase())) {
          problems.push(`${where(command.line)} ${name} -${parameter}: not a parameter the table allows for PowerShell 3.0 (${allowed.source})`)
        }
      }
    }
  }
  return problems
}
