/**
 * Every cmdlet and program a fix command may use, with the parameters it may be given, the kinds of
 * value each parameter takes, and where Microsoft documents it. A command built from anything else is
 * display-only, and the runner refuses it (tests/commands/command-table.test.ts checks every fix).
 *
 * Source keys (docs/domain-sources.md, "Commands"): PS/<Cmdlet> = the Lync Server 2013 / Skype for
 * Business Server 2015 cmdlet reference (MicrosoftDocs/office-docs-powershell,
 * skype/skype-ps/SkypeForBusiness/<Cmdlet>.md); WIN/<Cmdlet> = the Windows Server 2012 R2 / PowerShell 3.0
 * module reference (MicrosoftDocs/windows-powershell-docs, PowerShell-Docs); CMD/<program> = Windows
 * Commands reference (learn.microsoft.com/windows-server/administration/windows-commands/<program>).
 */
import type { ValueKind } from './command-values'

/** One parameter: the kinds of value it accepts and, for an enum, the values we may write. */
export interface ParameterSpec {
  readonly kinds: readonly ValueKind[]
  readonly values?: readonly string[]
}

/** One cmdlet or program. `arguments` are a program's positional arguments. */
export interface CommandSpec {
  readonly type: 'cmdlet' | 'program'
  readonly source: string
  readonly parameters: Readonly<Record<string, ParameterSpec>>
  readonly arguments?: readonly ValueKind[]
}

const NEGOTIATION = ['Required', 'Optional', 'NotSupported'] as const
const negotiation: ParameterSpec = { kinds: ['enum'], values: NEGOTIATION }
const partnerParameters = {
  Identity: { kinds: ['dns-name', 'placeholder'] },
  TlsNegotiation: negotiation,
  SaslNegotiation: negotiation,
  SupportDialbackNegotiation: { kinds: ['boolean'] },
} satisfies Record<string, ParameterSpec>

/** The table. Keys are the exact names the fixes write. */
export const COMMAND_TABLE: Readonly<Record<string, CommandSpec>> = {
  // Lync Server 2013 / Skype for Business Server 2015
  'Get-CsWindowsService': { type: 'cmdlet', source: 'PS/Get-CsWindowsService', parameters: { Name: { kinds: ['service-name'] } } },
  'Start-CsWindowsService': { type: 'cmdlet', source: 'PS/Start-CsWindowsService', parameters: { Name: { kinds: ['service-name'] } } },
  'Stop-CsWindowsService': { type: 'cmdlet', source: 'PS/Stop-CsWindowsService', parameters: { Name: { kinds: ['service-name'] } } },
  'Get-CsSite': { type: 'cmdlet', source: 'PS/Get-CsSite', parameters: {} },
  // "Do not use the format site:Redmond when specifying the identity." (PS/Set-CsSite -Identity)
  'Set-CsSite': {
    type: 'cmdlet',
    source: 'PS/Set-CsSite',
    parameters: { Identity: { kinds: ['site-name', 'placeholder'] }, XmppFederationRoute: { kinds: ['edge-service-identity', 'placeholder'] } },
  },
  'Get-CsSipDomain': { type: 'cmdlet', source: 'PS/Get-CsSipDomain', parameters: {} },
  'Invoke-CsManagementStoreReplication': { type: 'cmdlet', source: 'PS/Invoke-CsManagementStoreReplication', parameters: { ReplicaFqdn: { kinds: ['dns-name'] } } },
  'Get-CsManagementStoreReplicationStatus': {
    type: 'cmdlet',
    source: 'PS/Get-CsManagementStoreReplicationStatus',
    parameters: { ReplicaFqdn: { kinds: ['dns-name', 'placeholder'] } },
  },
  'Set-CsAccessEdgeConfiguration': { type: 'cmdlet', source: 'PS/Set-CsAccessEdgeConfiguration; DOC-GTALK', parameters: { AllowFederatedUsers: { kinds: ['boolean'] } } },
  'Set-CsExternalAccessPolicy': {
    type: 'cmdlet',
    source: 'PS/Set-CsExternalAccessPolicy',
    parameters: { Identity: { kinds: ['policy-identity', 'placeholder'] }, EnableXmppAccess: { kinds: ['boolean'] } },
  },
  // -Filter uses the policy name, not its identity: PS/Get-CsUser (-Filter), PS/Get-CsEffectivePolicy example
  // `Get-CsUser -Filter {ConferencingPolicy -eq "RedmondConferencingPolicy"}`.
  'Get-CsUser': { type: 'cmdlet', source: 'PS/Get-CsUser; PS/Get-CsEffectivePolicy (example 2)', parameters: { Filter: { kinds: ['policy-filter'] } } },
  // "The PolicyName is simply the policy Identity minus the policy scope (the tag: prefix)." (PS/Grant-CsExternalAccessPolicy)
  'Grant-CsExternalAccessPolicy': { type: 'cmdlet', source: 'PS/Grant-CsExternalAccessPolicy', parameters: { PolicyName: { kinds: ['policy-name'] } } },
  'New-CsXmppAllowedPartner': { type: 'cmdlet', source: 'PS/New-CsXmppAllowedPartner', parameters: partnerParameters },
  'Set-CsXmppAllowedPartner': { type: 'cmdlet', source: 'PS/Set-CsXmppAllowedPartner', parameters: partnerParameters },
  'Get-CsXmppAllowedPartner': { type: 'cmdlet', source: 'PS/Get-CsXmppAllowedPartner', parameters: { Identity: { kinds: ['dns-name'] } } },
  'Remove-CsXmppAllowedPartner': { type: 'cmdlet', source: 'PS/Remove-CsXmppAllowedPartner', parameters: { Identity: { kinds: ['dns-name'] } } },
  'Get-CsCertificate': { type: 'cmdlet', source: 'PS/Get-CsCertificate', parameters: { Type: { kinds: ['enum'], values: ['AccessEdgeExternal'] } } },
  // Offline request (-Output) with the SANs in -DomainName, comma-separated: PS/Request-CsCertificate examples 3 and 7.
  'Request-CsCertificate': {
    type: 'cmdlet',
    source: 'PS/Request-CsCertificate',
    parameters: {
      New: { kinds: ['switch'] },
      Type: { kinds: ['enum'], values: ['AccessEdgeExternal'] },
      Output: { kinds: ['constant'] },
      DomainName: { kinds: ['dns-name-list', 'placeholder'] },
    },
  },
  'Import-CsCertificate': {
    type: 'cmdlet',
    source: 'PS/Import-CsCertificate',
    parameters: { Path: { kinds: ['placeholder'] }, PrivateKeyExportable: { kinds: ['boolean'] } },
  },
  'Set-CsCertificate': {
    type: 'cmdlet',
    source: 'PS/Set-CsCertificate; DOC-SETUP step 22',
    parameters: { Type: { kinds: ['enum'], values: ['AccessEdgeExternal'] }, Thumbprint: { kinds: ['thumbprint', 'placeholder'] } },
  },
  'Get-CsClsScenario': { type: 'cmdlet', source: 'PS/Get-CsClsScenario', parameters: { LocalStore: { kinds: ['switch'] } } },
  'Start-CsClsLogging': {
    type: 'cmdlet',
    source: 'PS/Start-CsClsLogging',
    parameters: { Scenario: { kinds: ['placeholder'] }, Duration: { kinds: ['constant'] } },
  },

  // Windows (Server 2008 R2 SP1 with PowerShell 3.0 – Server 2012 R2)
  'Set-Service': {
    type: 'cmdlet',
    source: 'WIN/Set-Service',
    parameters: { Name: { kinds: ['service-name'] }, StartupType: { kinds: ['enum'], values: ['Automatic'] } },
  },
  // -Server takes "the IP addresses or host names of the DNS servers": no port (WIN/Resolve-DnsName).
  'Resolve-DnsName': {
    type: 'cmdlet',
    source: 'WIN/Resolve-DnsName',
    parameters: { Name: { kinds: ['dns-name', 'srv-name'] }, Type: { kinds: ['enum'], values: ['SRV', 'A', 'AAAA'] }, Server: { kinds: ['ip-address'] } },
  },
  'Test-NetConnection': {
    type: 'cmdlet',
    source: 'WIN/Test-NetConnection',
    parameters: { ComputerName: { kinds: ['dns-name', 'ip-address', 'placeholder'] }, Port: { kinds: ['port'] } },
  },
  'Get-NetIPAddress': { type: 'cmdlet', source: 'WIN/Get-NetIPAddress', parameters: { AddressFamily: { kinds: ['enum'], values: ['IPv4'] } } },
  'Get-Process': { type: 'cmdlet', source: 'WIN/Get-Process', parameters: { Id: { kinds: ['process-id'] } } },
  'Get-ChildItem': { type: 'cmdlet', source: 'WIN/Get-ChildItem (Certificate provider)', parameters: { Path: { kinds: ['constant'] } } },
  'Move-Item': { type: 'cmdlet', source: 'WIN/Move-Item (Certificate provider)', parameters: { Destination: { kinds: ['constant'] } } },
  'Where-Object': { type: 'cmdlet', source: 'WIN/Where-Object', parameters: { FilterScript: { kinds: ['script-block'] } } },
  'Measure-Object': { type: 'cmdlet', source: 'WIN/Measure-Object', parameters: {} },
  'Select-Object': { type: 'cmdlet', source: 'WIN/Select-Object', parameters: { Property: { kinds: ['property-list'] }, ExpandProperty: { kinds: ['constant'] } } },
  'Get-WinEvent': { type: 'cmdlet', source: 'WIN/Get-WinEvent; DOC-SETUP troubleshooting 5', parameters: { ListLog: { kinds: ['constant'] } } },
  'Import-Certificate': {
    type: 'cmdlet',
    source: 'WIN/Import-Certificate (PKI module)',
    parameters: { FilePath: { kinds: ['placeholder'] }, CertStoreLocation: { kinds: ['constant'] } },
  },
  netstat: { type: 'program', source: 'CMD/netstat; DOC-SETUP troubleshooting 11', parameters: {}, arguments: ['program-argument'] },
  findstr: { type: 'program', source: 'CMD/findstr', parameters: {}, arguments: ['program-argument'] },
}

/** The table entry of a command name, or null. */
export function commandSpecOf(name: string): CommandSpec | null {
  return Object.hasOwn(COMMAND_TABLE, name) ? (COMMAND_TABLE[name] ?? null) : null
}
