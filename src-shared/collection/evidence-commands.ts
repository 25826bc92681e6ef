import type { EvidenceFileName } from '../evidence/evidence-model'
import { text, type Localized } from '../i18n/localized'

/** The server roles a collection command can be meant for. */
export type CollectorRole = 'Edge' | 'FrontEnd'

/** One collection command: which evidence file it fills and the PowerShell text that produces it. */
export interface EvidenceCommand {
  readonly file: Exclude<EvidenceFileName, 'manifest.json'>
  /** What the command collects, as shown in progress output. */
  readonly description: Localized
  /** The command line recorded in manifest.json ("command"), for people reading the evidence. */
  readonly command: string
  /** Roles the command runs on; on another (detected or chosen) role it is recorded as skipped. */
  readonly roles: readonly CollectorRole[]
  /** 'json': the script writes objects, the runner serializes them (-Depth 4); 'text': written as printed. */
  readonly output: 'json' | 'text'
  /** For 'json': a list file is always a JSON array; an 'object' file holds the first object. */
  readonly jsonShape?: 'array' | 'object'
  /** True when the script calls Lync/SfB cmdlets, so the runner loads the module first. */
  readonly needsLyncModule: boolean
  /**
   * PowerShell 5.1 text. Reads its inputs ONLY from $XedDomains (string[], validated DNS names) and
   * $XedRole ('Edge' | 'FrontEnd' | 'Unknown') and writes the file's content to the pipeline.
   * May call the helpers in powershell-helpers.ts. ASCII only, read-only.
   */
  readonly script: string
}

const BOTH: readonly CollectorRole[] = ['Edge', 'FrontEnd']
const FRONT_END_ONLY: readonly CollectorRole[] = ['FrontEnd']

/** PowerShell text is written with String.raw so backslashes stay as typed. */
const ps = String.raw

/**
 * Detects the server role and host name. Prints one object {Host, Role, EdgeServices, FrontEndServices}.
 * Edge markers: RTCMEDIARELAY, RTCMRAUTH, RTCDATAPROXY, "* Access Edge" (DOMAIN-FACTS §1, Schertz) and
 * "*XMPP Translating Gateway Proxy" (§1, DOC-SETUP). Front End markers: RTCXMPPTGW and
 * "*XMPP Translating Gateway" (§1), MASTER (§1: CMS Front End). Both or neither: 'Unknown'.
 */
export const ROLE_DETECTION_SCRIPT = ps`
$services = @(Get-Service -ErrorAction SilentlyContinue)
$edgeServices = @($services | Where-Object {
        $_.Name -eq 'RTCMEDIARELAY' -or $_.Name -eq 'RTCMRAUTH' -or $_.Name -eq 'RTCDATAPROXY' -or
        $_.DisplayName -like '* Access Edge' -or $_.DisplayName -like '*XMPP Translating Gateway Proxy'
    } | ForEach-Object { $_.Name })
$frontEndServices = @($services | Where-Object {
        $_.Name -eq 'RTCXMPPTGW' -or $_.Name -eq 'MASTER' -or $_.DisplayName -like '*XMPP Translating Gateway'
    } | ForEach-Object { $_.Name })
$detectedRole = 'Unknown'
if ($edgeServices.Count -gt 0 -and $frontEndServices.Count -eq 0) { $detectedRole = 'Edge' }
elseif ($frontEndServices.Count -gt 0 -and $edgeServices.Count -eq 0) { $detectedRole = 'FrontEnd' }
$hostName = [Environment]::MachineName
try { $hostName = [Net.Dns]::GetHostEntry($hostName).HostName } catch { $hostName = [Environment]::MachineName }
[pscustomobject]@{
    Host = $hostName
    Role = $detectedRole
    EdgeServices = $edgeServices
    FrontEndServices = $frontEndServices
}
`

/** Shared by dns-srv.json and dns-a.json: the SRV name each XMPP domain publishes (DOMAIN-FACTS §7). */
const SRV_PREFIX = '_xmpp-server._tcp.'

/** Every collection command, in the order they run. The one source of truth for both collectors. */
export const EVIDENCE_COMMANDS: readonly EvidenceCommand[] = [
  {
    file: 'server-version.txt',
    description: text('Lync / Skype for Business Server version', 'Lync / 商務用 Skype 伺服器版本'),
    command: 'Get-CsServerVersion',
    roles: BOTH,
    output: 'text',
    needsLyncModule: true,
    // DOMAIN-FACTS §2 "Product version": the text holds "(x.y.z.w)".
    script: ps`Get-CsServerVersion`,
  },
  {
    file: 'services.json',
    description: text('Lync / Skype for Business Windows services', 'Lync / 商務用 Skype 的 Windows 服務'),
    command:
      'Get-Service (Lync/SfB services) + Win32_Service ProcessId + Get-Process StartTime',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // Names and display names: DOMAIN-FACTS §1 (prefix "Lync Server " on 2013, "Skype for Business Server " on 2015).
    // ProcessStartTime lets two runs tell a restart from an unchanged service. Get-Process only reads;
    // StartTime can be denied (or the process gone), which gives null rather than failing the file.
    // $processId, not $pid: $PID is PowerShell's own process id (automatic variable).
    script: ps`
$processIds = @{}
$startTimes = @{}
try {
    foreach ($service in @(Get-CimInstance -ClassName Win32_Service -ErrorAction Stop)) { $processIds[$service.Name] = $service.ProcessId }
} catch {
    foreach ($service in @(Get-WmiObject -Class Win32_Service -ErrorAction SilentlyContinue)) { $processIds[$service.Name] = $service.ProcessId }
}
Get-Service -ErrorAction SilentlyContinue |
    Where-Object {
        $_.DisplayName -like 'Lync Server *' -or $_.DisplayName -like 'Skype for Business Server *' -or
        $_.DisplayName -like '*XMPP*' -or $_.Name -like 'RTC*' -or $_.Name -eq 'REPLICA' -or
        $_.Name -eq 'MASTER' -or $_.Name -like 'MSSQL$RTC*'
    } |
    Sort-Object -Property Name |
    ForEach-Object {
        $processId = $processIds[$_.Name]
        $processStartTime = $null
        if ($processId -gt 0) {
            if ($startTimes.ContainsKey($processId)) {
                $processStartTime = $startTimes[$processId]
            } else {
                try {
                    $process = Get-Process -Id $processId -ErrorAction Stop
                    $processStartTime = ConvertTo-XedIsoTime $process.StartTime
                } catch {
                    $processStartTime = $null
                }
                $startTimes[$processId] = $processStartTime
            }
        }
        [pscustomobject]@{
            Name = $_.Name
            DisplayName = $_.DisplayName
            Status = ConvertTo-XedString $_.Status
            StartType = ConvertTo-XedString $_.StartType
            ProcessId = $processId
            ProcessStartTime = $processStartTime
        }
    }
`,
  },
  {
    file: 'netstat.txt',
    description: text('Listening and connected TCP/UDP ports (netstat -ano)', '接聽中與已連線的 TCP/UDP 連接埠（netstat -ano）'),
    command: 'netstat -ano',
    roles: BOTH,
    output: 'text',
    needsLyncModule: false,
    script: ps`
$lines = & netstat.exe -ano
if ($LASTEXITCODE -ne 0) { throw ('netstat -ano exited with code ' + $LASTEXITCODE) }
$lines
`,
  },
  {
    file: 'tasklist.csv',
    description: text('Processes and the services they host (tasklist /svc)', '處理程序及其承載的服務（tasklist /svc）'),
    command: 'tasklist /svc /fo csv',
    roles: BOTH,
    output: 'text',
    needsLyncModule: false,
    script: ps`
$lines = & tasklist.exe /svc /fo csv
if ($LASTEXITCODE -ne 0) { throw ('tasklist /svc /fo csv exited with code ' + $LASTEXITCODE) }
$lines
`,
  },
  {
    file: 'events.json',
    description: text(
      'Errors and warnings of the last 24 hours in the "Lync Server" event log',
      '「Lync Server」事件記錄檔中最近 24 小時的錯誤與警告',
    ),
    command:
      "Get-WinEvent -FilterHashtable @{LogName='Lync Server'; Level=2,3; StartTime=(Get-Date).AddHours(-24)} -MaxEvents 2000",
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // Log name: DOMAIN-FACTS §4. -MaxEvents keeps the file bounded on a noisy server.
    script: ps`
$filter = @{ LogName = 'Lync Server'; Level = 2, 3; StartTime = (Get-Date).AddHours(-24) }
try {
    $events = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 2000 -ErrorAction Stop)
} catch {
    # Get-WinEvent reports "no events in the time window" as an error; that is an empty result.
    if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { $events = @() } else { throw }
}
$events | ForEach-Object {
    [pscustomobject]@{
        TimeCreated = ConvertTo-XedIsoTime $_.TimeCreated
        Id = $_.Id
        Level = $_.Level
        LevelDisplayName = $_.LevelDisplayName
        ProviderName = $_.ProviderName
        Message = $_.Message
    }
}
`,
  },
  {
    file: 'sites.json',
    description: text('Sites and their (XMPP) federation routes', '站台及其（XMPP）同盟路由'),
    command: 'Get-CsSite',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // DOMAIN-FACTS §3: FederationRoute / XmppFederationRoute. §2: no -LocalStore; whether it works on a
    // non-domain Edge is unknown, so it runs everywhere and a failure is recorded.
    script: ps`
Get-CsSite | ForEach-Object {
    [pscustomobject]@{
        Identity = ConvertTo-XedString $_.Identity
        SiteId = ConvertTo-XedString $_.SiteId
        FederationRoute = ConvertTo-XedString $_.FederationRoute
        XmppFederationRoute = ConvertTo-XedString $_.XmppFederationRoute
    }
}
`,
  },
  {
    file: 'topology.xml',
    description: text('Published topology (XML)', '已發行的拓撲（XML）'),
    command: 'Get-CsTopology -AsXml (-LocalStore unless on a Front End)',
    roles: BOTH,
    output: 'text',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: an Edge only has the local replica, hence -LocalStore there.
    script: ps`
if ($XedRole -eq 'FrontEnd') { $topology = Get-CsTopology -AsXml } else { $topology = Get-CsTopology -AsXml -LocalStore }
if ($topology -is [Xml.XmlNode]) { $topology.OuterXml } else { $topology }
`,
  },
  {
    file: 'edge-services.json',
    description: text('Edge services in the topology (ports, FQDNs)', '拓撲中的 Edge 服務（連接埠、FQDN）'),
    command: 'Get-CsService -EdgeServer',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // Properties: DOMAIN-FACTS §3. No -LocalStore (§2); a failure on the Edge is recorded.
    script: ps`Get-CsService -EdgeServer | ConvertTo-XedPlain`,
  },
  {
    file: 'access-edge.json',
    description: text('Access Edge configuration (federation allowed?)', 'Access Edge 設定（是否允許同盟？）'),
    command: 'Get-CsAccessEdgeConfiguration -LocalStore',
    roles: BOTH,
    output: 'json',
    jsonShape: 'object',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: global only, -LocalStore supported.
    script: ps`Get-CsAccessEdgeConfiguration -LocalStore | ConvertTo-XedPlain`,
  },
  {
    file: 'external-access-policies.json',
    description: text('External access policies (XMPP access allowed?)', '外部存取原則（是否允許 XMPP 存取？）'),
    command: 'Get-CsExternalAccessPolicy -LocalStore',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    script: ps`Get-CsExternalAccessPolicy -LocalStore | ConvertTo-XedPlain`,
  },
  {
    file: 'policy-grants.json',
    description: text('How many users have each external access policy', '各外部存取原則指派給多少使用者'),
    command: 'Get-CsUser | Group-Object ExternalAccessPolicy',
    roles: FRONT_END_ONLY,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: Get-CsUser needs AD/CMS (Front End only); a null policy means "inherits site/global".
    // -NoElement: keep counts only, not every user object, so memory stays bounded.
    script: ps`
Get-CsUser | Group-Object -Property { ConvertTo-XedString $_.ExternalAccessPolicy } -NoElement | ForEach-Object {
    $policyName = $null
    if ($_.Name) { $policyName = $_.Name }
    [pscustomobject]@{ Policy = $policyName; UserCount = $_.Count }
}
`,
  },
  {
    file: 'xmpp-partners.json',
    description: text('XMPP federated partners', 'XMPP 同盟夥伴'),
    command: 'Get-CsXmppAllowedPartner -LocalStore',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // ConvertTo-XedPlain writes TlsNegotiation, SaslNegotiation and PartnerType as names (their enum
    // numbers are undocumented; DOMAIN-FACTS §2).
    script: ps`Get-CsXmppAllowedPartner -LocalStore | ConvertTo-XedPlain`,
  },
  {
    file: 'xmpp-gateway.json',
    description: text('XMPP gateway settings (without the dialback passphrase)', 'XMPP 閘道設定（不含回撥密碼）'),
    command: 'Get-CsXmppGatewayConfiguration -LocalStore (DialbackPassphrase excluded)',
    roles: BOTH,
    output: 'json',
    jsonShape: 'object',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: single global instance. The passphrase is a secret and is never collected.
    script: ps`Get-CsXmppGatewayConfiguration -LocalStore | ConvertTo-XedPlain -Exclude 'DialbackPassphrase'`,
  },
  {
    file: 'certificates.json',
    description: text('Certificates assigned to Lync / Skype for Business', '指派給 Lync / 商務用 Skype 的憑證'),
    command: 'Get-CsCertificate',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: reads the local computer only (fine on an Edge); Use is an enum, kept as its name.
    script: ps`
Get-CsCertificate | ForEach-Object {
    [pscustomobject]@{
        Use = ConvertTo-XedString $_.Use
        Thumbprint = ConvertTo-XedString $_.Thumbprint
        Subject = ConvertTo-XedString $_.Subject
        Issuer = ConvertTo-XedString $_.Issuer
        NotBefore = ConvertTo-XedIsoTime $_.NotBefore
        NotAfter = ConvertTo-XedIsoTime $_.NotAfter
        AlternativeNames = @($_.AlternativeNames | Where-Object { $null -ne $_ } | ForEach-Object { "$_" })
    }
}
`,
  },
  {
    file: 'root-store.json',
    description: text('Trusted root certificates of the computer', '電腦的受信任根憑證'),
    command: 'Get-ChildItem Cert:\\LocalMachine\\Root',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // DOMAIN-FACTS §5 #17: count and misplaced (non-self-signed) roots.
    script: ps`
Get-ChildItem -Path Cert:\LocalMachine\Root | ForEach-Object {
    [pscustomobject]@{ Subject = $_.Subject; Issuer = $_.Issuer; Thumbprint = $_.Thumbprint }
}
`,
  },
  {
    file: 'replication.json',
    description: text('Central Management store replication status', '中央管理存放區複寫狀態'),
    command: 'Get-CsManagementStoreReplicationStatus',
    roles: FRONT_END_ONLY,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: Front End only; ReplicaFqdn, UpToDate, LastStatusReport, LastUpdateCreation, ProductVersion.
    script: ps`Get-CsManagementStoreReplicationStatus | ConvertTo-XedPlain`,
  },
  {
    file: 'dns-srv.json',
    description: text('DNS SRV records _xmpp-server._tcp of each domain', '各網域的 DNS SRV 記錄 _xmpp-server._tcp'),
    command: `Resolve-DnsName -Type SRV ${SRV_PREFIX}<domain> -DnsOnly (each domain)`,
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // The domain is data: concatenated into a string value, never evaluated.
    script: ps`
foreach ($domainName in $XedDomains) {
    $query = '${SRV_PREFIX}' + $domainName
    try {
        $records = @(Resolve-DnsName -Name $query -Type SRV -DnsOnly -ErrorAction Stop | ConvertTo-XedDnsRecord)
        [pscustomobject]@{ Query = $query; Records = $records; Error = $null }
    } catch {
        [pscustomobject]@{ Query = $query; Records = @(); Error = $_.Exception.Message }
    }
}
`,
  },
  {
    file: 'dns-a.json',
    description: text('DNS A records of each SRV target', '每個 SRV 目標的 DNS A 記錄'),
    command: 'Resolve-DnsName -Type A <SRV target> -DnsOnly (each SRV target)',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    script: ps`
$targets = @()
foreach ($domainName in $XedDomains) {
    try {
        $targets += @(Resolve-DnsName -Name ('${SRV_PREFIX}' + $domainName) -Type SRV -DnsOnly -ErrorAction Stop |
            Where-Object { $_.NameTarget } | ForEach-Object { $_.NameTarget.TrimEnd('.').ToLowerInvariant() })
    } catch {
        # The SRV failure itself is recorded in dns-srv.json; here it only means "no targets".
        $targets += @()
    }
}
foreach ($target in @($targets | Where-Object { $_ } | Select-Object -Unique)) {
    try {
        $records = @(Resolve-DnsName -Name $target -Type A -DnsOnly -ErrorAction Stop | ConvertTo-XedDnsRecord)
        [pscustomobject]@{ Query = $target; Records = $records; Error = $null }
    } catch {
        [pscustomobject]@{ Query = $target; Records = @(); Error = $_.Exception.Message }
    }
}
`,
  },
]

/** True when a command is meant for the role; with an unknown role every command runs. */
export function isCommandForRole(command: EvidenceCommand, role: CollectorRole | 'Unknown'): boolean {
  return role === 'Unknown' || command.roles.includes(role)
}
