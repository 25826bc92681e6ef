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
   * Windows PowerShell 3.0-5.1 text. Reads its inputs ONLY from $XedDomains (string[], validated DNS names),
   * $XedSipDomains (string[], the SIP domains this server read, validated DNS names), $XedRole ('Edge' | 'FrontEnd' | 'Unknown'), $XedFqdn (this computer's FQDN), $XedEventDays (int) and
   * $XedMaxUsers (int), and writes the file's content to the pipeline; Add-XedNote records how it was collected.
   * May call the helpers in powershell-helpers.ts. ASCII only, read-only.
   */
  readonly script: string
}

const BOTH: readonly CollectorRole[] = ['Edge', 'FrontEnd']
const FRONT_END_ONLY: readonly CollectorRole[] = ['FrontEnd']

// The two scripts that run before the commands (role and host, then SIP domains and pool) live in host-scripts.ts.
export { ROLE_DETECTION_SCRIPT, SERVER_FACTS_SCRIPT } from './host-scripts'

/** PowerShell text is written with String.raw so backslashes stay as typed. */
const ps = String.raw

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
      'Get-Service (Lync/SfB services) + Win32_Service StartMode, ProcessId + Win32_Process CreationDate',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // Names and display names: DOMAIN-FACTS §1 (prefix "Lync Server " on 2013, "Skype for Business Server " on 2015).
    // StartType comes from Win32_Service.StartMode (Auto, Manual, Disabled, Boot, System;
    // learn.microsoft.com/windows/win32/cimwin32prov/win32-service): Get-Service's StartType property needs
    // .NET 4.6.1, so on Windows Server 2012 R2 with PowerShell 4.0 it is empty. Get-Service's value is only the
    // fallback when WMI cannot be read. ProcessStartTime lets two runs tell a restart from an unchanged service:
    // Win32_Process.CreationDate (readable for every process), else Get-Process StartTime, else null.
    // $processId, not $pid: $PID is PowerShell's own process id (automatic variable).
    script: ps`
$processIds = @{}
$startModes = @{}
$startTimes = @{}
try {
    $wmiServices = @(Get-CimInstance -ClassName Win32_Service -ErrorAction Stop)
} catch {
    $cimError = $_.Exception.Message
    try { $wmiServices = @(Get-WmiObject -Class Win32_Service -ErrorAction Stop) } catch { $wmiServices = @() }
    if ($wmiServices.Count -eq 0) { Add-XedNote ('Win32_Service could not be read (' + $cimError + '); StartType comes from Get-Service and ProcessId is missing.') }
}
foreach ($service in $wmiServices) {
    $processIds[[string]$service.Name] = $service.ProcessId
    $startModes[[string]$service.Name] = [string]$service.StartMode
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
                    $process = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId = ' + [int]$processId) -ErrorAction Stop
                    $processStartTime = ConvertTo-XedIsoTime $process.CreationDate
                } catch {
                    try {
                        $processStartTime = ConvertTo-XedIsoTime (Get-Process -Id $processId -ErrorAction Stop).StartTime
                    } catch {
                        $processStartTime = $null
                    }
                }
                $startTimes[$processId] = $processStartTime
            }
        }
        $startType = $startModes[$_.Name]
        if ($startType -eq 'Auto') { $startType = 'Automatic' }
        if (-not $startType) { $startType = ConvertTo-XedString $_.StartType }
        [pscustomobject]@{
            Name = $_.Name
            DisplayName = $_.DisplayName
            Status = ConvertTo-XedString $_.Status
            StartType = $startType
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
      'Critical events, errors and warnings of the "Lync Server" event log (-EventDays, default 7 days)',
      '「Lync Server」事件記錄檔中的重大、錯誤與警告事件（-EventDays，預設 7 天）',
    ),
    command:
      "Get-WinEvent -FilterHashtable @{LogName='Lync Server'; Level=1,2,3; StartTime=(Get-Date).AddDays(-EventDays)} -MaxEvents 2000",
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // Log name: DOMAIN-FACTS §4. Levels 1 Critical, 2 Error, 3 Warning (StandardEventLevel,
    // learn.microsoft.com/dotnet/api/system.diagnostics.eventing.reader.standardeventlevel). The window is a parameter
    // whose default (7 days) still shows an outage that began before a weekend. -MaxEvents keeps the file bounded.
    script: ps`
$filter = @{ LogName = 'Lync Server'; Level = 1, 2, 3; StartTime = (Get-Date).AddDays(-$XedEventDays) }
Add-XedNote ('Events of level 1-3 since ' + (ConvertTo-XedIsoTime $filter.StartTime) + ' (' + $XedEventDays + ' days), at most 2000.')
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
    command: 'Get-CsSite (Identity, SiteId, DisplayName, Pools, FederationRoute, XmppFederationRoute)',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // DOMAIN-FACTS §3: FederationRoute / XmppFederationRoute. §2: no -LocalStore; whether it works on a
    // non-domain Edge is unknown, so it runs everywhere and a failure is recorded. Pools: the pools of the site,
    // which tells each registrar pool's site (site policies apply per site; Get-CsSite output,
    // learn.microsoft.com/powershell/module/skypeforbusiness/get-cssite).
    script: ps`
Get-CsSite | ForEach-Object {
    [pscustomobject]@{
        Identity = ConvertTo-XedString $_.Identity
        SiteId = ConvertTo-XedString $_.SiteId
        DisplayName = ConvertTo-XedString $_.DisplayName
        Pools = @($_.Pools | Where-Object { $null -ne $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() })
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
    command: 'Get-CsService -EdgeServer (on failure: Get-CsTopology -AsXml -LocalStore)',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // Properties: DOMAIN-FACTS §3. Get-CsService has no -LocalStore (§2): it reads the Central Management store,
    // which a workgroup Edge cannot reach. There the Edge pools come from the local replica's topology instead
    // (Service/ServiceId@RoleName='EdgeServer', installed on a Cluster@Fqdn), with only what that XML states for
    // sure: identity, pool, site, and the raw port list. The note says which source was used and why.
    script: ps`
try {
    Get-CsService -EdgeServer -ErrorAction Stop | ConvertTo-XedPlain
} catch {
    $reason = $_.Exception.Message
    $topology = Get-XedTopologyXml
    Add-XedNote ('Get-CsService -EdgeServer failed (' + $reason + '). That cmdlet reads only the Central Management store ' +
        '(it has no -LocalStore parameter), so the Edge pools were read from the topology of the local replica ' +
        '(Get-CsTopology -AsXml -LocalStore) instead.')
    $siteNames = @{}
    foreach ($site in @($topology.SelectNodes("//*[local-name()='CentralSite' or local-name()='BranchSite']"))) {
        $nameNode = $site.SelectSingleNode("*[local-name()='Name']")
        if ($nameNode) { $siteNames[$site.GetAttribute('SiteId')] = $nameNode.InnerText }
    }
    foreach ($service in @($topology.SelectNodes("//*[local-name()='Service'][*[local-name()='ServiceId' and @RoleName='EdgeServer']]"))) {
        $cluster = $service.SelectSingleNode("*[local-name()='InstalledOn']/*[local-name()='ClusterId']")
        if (-not $cluster) { continue }
        $clusterSite = $cluster.GetAttribute('SiteId')
        $clusterNumber = $cluster.GetAttribute('Number')
        $poolFqdn = $null
        foreach ($candidate in @($topology.SelectNodes("//*[local-name()='Cluster'][@Fqdn]"))) {
            $id = $candidate.SelectSingleNode("*[local-name()='ClusterId']")
            if ($id -and $id.GetAttribute('SiteId') -eq $clusterSite -and $id.GetAttribute('Number') -eq $clusterNumber) { $poolFqdn = $candidate.GetAttribute('Fqdn') }
        }
        if (-not $poolFqdn) { continue }
        $siteId = $null
        if ($siteNames.ContainsKey($clusterSite)) { $siteId = 'Site:' + $siteNames[$clusterSite] }
        [pscustomobject]@{
            Identity = 'EdgeServer:' + $poolFqdn
            PoolFqdn = $poolFqdn
            SiteId = $siteId
            Source = 'Get-CsTopology -AsXml -LocalStore'
            Ports = @($service.SelectNodes("*[local-name()='Ports']/*[local-name()='Port']") | ForEach-Object {
                    ($_.GetAttribute('Owner') + ' ' + $_.GetAttribute('Usage') + ' ' + $_.GetAttribute('InterfaceSide') + ' ' + $_.GetAttribute('Port') + '/' + $_.GetAttribute('Protocol'))
                })
        }
    }
}
`,
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
    description: text(
      'Users per external access policy and registrar pool',
      '各外部存取原則與登錄器集區的使用者人數',
    ),
    command: 'Get-CsUser -ResultSize <MaxUsers>, counted by ExternalAccessPolicy and RegistrarPool',
    roles: FRONT_END_ONLY,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: true,
    // DOMAIN-FACTS §2: Get-CsUser needs AD/CMS (Front End only); a null policy means "inherits site/global", and
    // the site is the one of the user's RegistrarPool (Get-CsUser output; Grant-CsExternalAccessPolicy docs on
    // scopes). -ResultSize bounds the run on a large organisation (Get-CsUser docs). Counting as the users
    // stream keeps memory flat; one user that cannot be read is counted as an error, not a lost file
    // (non-terminating errors only go to -ErrorVariable).
    script: ps`
$counts = @{}
$order = New-Object System.Collections.ArrayList
$userErrors = @()
$seen = 0
Get-CsUser -ResultSize $XedMaxUsers -ErrorAction SilentlyContinue -ErrorVariable +userErrors | ForEach-Object {
    $seen++
    try {
        $policyName = ConvertTo-XedString $_.ExternalAccessPolicy
        $registrarPool = ConvertTo-XedString $_.RegistrarPool
    } catch {
        $userErrors += $_
        return
    }
    if (-not $policyName) { $policyName = $null }
    if ($registrarPool) { $registrarPool = $registrarPool.ToLowerInvariant() } else { $registrarPool = $null }
    $key = [string]$policyName + '|' + [string]$registrarPool
    if (-not $counts.ContainsKey($key)) {
        $counts[$key] = [pscustomobject]@{ Policy = $policyName; RegistrarPool = $registrarPool; UserCount = 0 }
        [void]$order.Add($key)
    }
    $counts[$key].UserCount++
}
if ($userErrors.Count -gt 0) {
    Add-XedNote ([string]$userErrors.Count + ' user(s) could not be read and are not counted; first error: ' + [string]$userErrors[0])
}
if ($seen -ge $XedMaxUsers) {
    Add-XedNote ('Stopped at -ResultSize ' + $XedMaxUsers + ': the counts cover the first ' + $XedMaxUsers + ' users only.')
}
foreach ($key in $order) { $counts[$key] }
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
    command: `Resolve-DnsName -Type SRV ${SRV_PREFIX}<each -Domain and SIP domain> -DnsOnly -Server <each configured DNS server in turn>`,
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    // The domain is data: concatenated into a string value, never evaluated. Server: the resolver that answered.
    // An Edge usually asks internal DNS, which may hold other records than the internet (split-brain DNS).
    script: ps`
$servers = @(Get-XedDnsServers)
Add-XedNote ('Answered by this server''s own resolvers (' + ($servers -join ', ') + '), which may be internal DNS (split-brain) and differ from what partners on the internet see; the live probe (analyze --probe) gives the external view.')
$sipOnly = @(Get-XedDnsDomains | Where-Object { $XedDomains -notcontains $_ })
if ($sipOnly.Count -gt 0) { Add-XedNote ('Also asked for the SIP domains of this deployment not given with -Domain: ' + ($sipOnly -join ', ') + '.') }
foreach ($domainName in @(Get-XedDnsDomains)) {
    $query = '${SRV_PREFIX}' + $domainName
    try {
        $answer = Resolve-XedDnsName -Name $query -Type SRV -Servers $servers
        [pscustomobject]@{ Query = $query; Server = $answer.Server; Records = @($answer.Records); Error = $null }
    } catch {
        [pscustomobject]@{ Query = $query; Server = $null; Records = @(); Error = $_.Exception.Message }
    }
}
`,
  },
  {
    file: 'dns-a.json',
    description: text('DNS A records of each SRV target', '每個 SRV 目標的 DNS A 記錄'),
    command: 'Resolve-DnsName -Type A <SRV target> -DnsOnly -Server <each configured DNS server in turn>',
    roles: BOTH,
    output: 'json',
    jsonShape: 'array',
    needsLyncModule: false,
    script: ps`
$servers = @(Get-XedDnsServers)
$targets = @()
foreach ($domainName in @(Get-XedDnsDomains)) {
    try {
        $answer = Resolve-XedDnsName -Name ('${SRV_PREFIX}' + $domainName) -Type SRV -Servers $servers
        $targets += @($answer.Records | Where-Object { $_.NameTarget } | ForEach-Object { $_.NameTarget.TrimEnd('.').ToLowerInvariant() })
    } catch {
        # The SRV failure itself is recorded in dns-srv.json; here it only means "no targets".
        $targets += @()
    }
}
foreach ($target in @($targets | Where-Object { $_ } | Select-Object -Unique)) {
    try {
        $answer = Resolve-XedDnsName -Name $target -Type A -Servers $servers
        [pscustomobject]@{ Query = $target; Server = $answer.Server; Records = @($answer.Records); Error = $null }
    } catch {
        [pscustomobject]@{ Query = $target; Server = $null; Records = @(); Error = $_.Exception.Message }
    }
}
`,
  },
]

/** True when a command is meant for the role; with an unknown role every command runs. */
export function isCommandForRole(command: EvidenceCommand, role: CollectorRole | 'Unknown'): boolean {
  return role === 'Unknown' || command.roles.includes(role)
}
