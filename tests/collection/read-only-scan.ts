// Checks that PowerShell text can only read: the collector must never change a server.

/** Verbs of cmdlets that change state (Set-CsSite, Start-CsWindowsService, Grant-Cs…, Remove-Item …). */
const MUTATING_VERB =
  /\b(Set|New|Remove|Start|Stop|Restart|Grant|Revoke|Enable|Disable|Publish|Install|Uninstall|Move|Clear|Update|Register|Unregister|Add|Rename|Reset|Suspend|Resume|Restore|Sync|Mount|Dismount|Lock|Unlock|Approve|Deny|Merge|Initialize|Invoke|Send|Copy|Export)-[A-Za-z]+/g

/** Lync cmdlets with read-sounding verbs that still act: Import-CsCertificate, Test-CsXmppIM (sends IM). */
const ACTING_LYNC_CMDLET = /\b(Import|Test)-Cs[A-Za-z]+/g

/** Native tools or .NET calls that change state. */
const MUTATING_OTHER = [
  /\bsc(\.exe)?\s+(config|stop|start|delete|create)\b/i,
  /\bnetsh\b/i,
  /\breg(\.exe)?\s+(add|delete|import)\b/i,
  /\bshutdown\b/i,
  /\biex\b/i,
  /\bInvoke-Expression\b/i,
  /::(Delete|Move|Copy|Replace|AppendAllText|SetAttributes|SetAccessControl)\(/i,
  // $stopwatch.Stop() only stops a timer; a service controller's .Stop() would stop a service.
  /\.Delete\(|(?<!\$stopwatch)\.Stop\(|\.Start\(|\.Kill\(/,
]

/** Commands whose verb sounds like a change but which only touch memory: an object, a collection note. */
const IN_MEMORY_ONLY = new Set(['New-Object', 'Add-XedNote'])

/** Every match of a state-changing command in the text (empty when the text only reads). */
export function findMutatingCommands(script: string): string[] {
  const found = [...script.matchAll(MUTATING_VERB), ...script.matchAll(ACTING_LYNC_CMDLET)]
    .map((match) => match[0])
    .filter((name) => !IN_MEMORY_ONLY.has(name))
  for (const pattern of MUTATING_OTHER) {
    const match = pattern.exec(script)
    if (match) found.push(match[0])
  }
  return found
}

/**
 * Every command the collector may invoke. All read, except Compress-Archive and the two .NET writes
 * ([IO.Directory]::CreateDirectory, [IO.File]::WriteAllText), which touch only the evidence folder.
 */
export const ALLOWED_COMMANDS = new Set(
  [
    // Lync / Skype for Business cmdlets (Get- only)
    'Get-CsServerVersion',
    'Get-CsSite',
    'Get-CsTopology',
    'Get-CsService',
    'Get-CsAccessEdgeConfiguration',
    'Get-CsExternalAccessPolicy',
    'Get-CsUser',
    'Get-CsXmppAllowedPartner',
    'Get-CsXmppGatewayConfiguration',
    'Get-CsCertificate',
    'Get-CsManagementStoreReplicationStatus',
    'Get-CsSipDomain',
    'Get-CsComputer',
    // Windows
    'Get-Service',
    // services.json: only reads a service process' StartTime (Get-Process -Id)
    'Get-Process',
    'Get-CimInstance',
    'Get-WmiObject',
    'Get-WinEvent',
    'Get-ChildItem',
    'Get-Date',
    'Get-Module',
    'Get-Command',
    'Get-UICulture',
    'Import-Module',
    'Resolve-DnsName',
    'Resolve-Path',
    'Test-Path',
    'Join-Path',
    'netstat.exe',
    'tasklist.exe',
    // pipeline and formatting
    'Where-Object',
    'ForEach-Object',
    'Sort-Object',
    'Select-Object',
    'Group-Object',
    'Out-String',
    'ConvertTo-Json',
    'ConvertFrom-Json',
    'Write-Host',
    'New-Object',
    'Get-Variable',
    // writes the evidence zip next to the evidence folder
    'Compress-Archive',
    // the collector's own helpers
    'ConvertTo-XedString',
    'ConvertTo-XedIsoTime',
    'ConvertTo-XedValue',
    'ConvertTo-XedPlain',
    'ConvertTo-XedDnsRecord',
    'ConvertTo-XedJson',
    'Import-XedLyncModule',
    'Add-XedNote',
    'Get-XedTopologyXml',
    'Get-XedDnsServers',
    'Get-XedDnsDomains',
    'Resolve-XedDnsName',
    'Get-XedMessage',
    'Get-XedNotesText',
    'Get-XedStepResult',
    'Close-XedWorker',
  ].map((name) => name.toLowerCase()),
)

/** The only .NET static members the scripts may use. */
export const ALLOWED_STATIC_MEMBERS = new Set([
  '[Environment]::MachineName',
  '[Net.Dns]::GetHostEntry',
  '[Type]::GetTypeCode',
  '[Convert]::ToBase64String',
  '[Convert]::FromBase64String',
  '[Text.Encoding]::UTF8',
  '[Console]::Out',
  '[ScriptBlock]::Create',
  '[Globalization.CultureInfo]::InvariantCulture',
  '[Diagnostics.Stopwatch]::StartNew',
  '[IO.Directory]::CreateDirectory',
  '[IO.File]::WriteAllText',
  '[Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties',
  '[Environment]::NewLine',
  '[TimeSpan]::FromSeconds',
  // The collector's worker runspace (bounded steps): creates and runs PowerShell in this process only.
  '[System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace',
  '[System.Management.Automation.PowerShell]::Create',
  '[System.Management.Automation.ErrorCategory]::InvalidArgument',
])

/** `[Type]::Member` uses in the text. */
export function listStaticMembers(script: string): string[] {
  return [...script.matchAll(/\[([A-Za-z.]+)\]::([A-Za-z]+)/g)].map((match) => `[${match[1]}]::${match[2]}`)
}
