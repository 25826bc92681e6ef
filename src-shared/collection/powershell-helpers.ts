/**
 * PowerShell helper functions that every collection command may call. Both the generated
 * Collect-XmppEvidence.ps1 and each live invocation define them first, so a command's text means the
 * same thing in both places. Windows PowerShell 5.1 (and 4.0) syntax only; ASCII only.
 */

/** Names of the helper functions defined by {@link POWERSHELL_HELPERS}. */
export const POWERSHELL_HELPER_NAMES = [
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
  'Resolve-XedDnsName',
] as const

/** The helper definitions, as PowerShell text. */
export const POWERSHELL_HELPERS = String.raw`
function ConvertTo-XedString {
    param($Value)
    if ($null -eq $Value) { return $null }
    return "$Value"
}

function ConvertTo-XedIsoTime {
    param($Value)
    # The 'o' format is culture-invariant; PS 5.1 ConvertTo-Json would write "\/Date(...)\/" instead.
    if ($null -eq $Value) { return $null }
    if ($Value -is [DateTime]) { return $Value.ToUniversalTime().ToString('o') }
    if ($Value -is [DateTimeOffset]) { return $Value.UtcDateTime.ToString('o') }
    return "$Value"
}

function ConvertTo-XedValue {
    param($Value, [int]$Depth = 2)
    if ($null -eq $Value) { return $null }
    if ($Value -is [string]) { return $Value }
    # Enums first: PS 5.1 ConvertTo-Json writes enums as numbers, and several Lync enums
    # (TlsNegotiation, SaslNegotiation, PartnerType, certificate Use) have no documented numbers.
    if ($Value -is [Enum]) { return $Value.ToString() }
    if ($Value -is [DateTime] -or $Value -is [DateTimeOffset]) { return (ConvertTo-XedIsoTime $Value) }
    $typeCode = [int][Type]::GetTypeCode($Value.GetType())
    if ($typeCode -eq 3) { return [bool]$Value }
    if ($typeCode -ge 5 -and $typeCode -le 15) { return $Value }
    if ($Depth -le 0) { return "$Value" }
    # Lists are returned as an ArrayList and unwrapped with .PSObject.BaseObject by the caller: a
    # System.Array that went through a function's output is PSObject-wrapped, and PS 5.1 ConvertTo-Json
    # then writes {"value": [...], "Count": n} because of the Count alias in System.Array's type data.
    if ($Value -is [Collections.IDictionary]) {
        $map = [ordered]@{}
        foreach ($key in @($Value.Keys)) {
            $converted = ConvertTo-XedValue $Value[$key] ($Depth - 1)
            if ($null -ne $converted) { $converted = $converted.PSObject.BaseObject }
            $map["$key"] = $converted
        }
        return $map
    }
    if ($Value -is [Collections.IEnumerable]) {
        # ArrayList.Add keeps a nested list as one element; += would flatten it.
        $list = [Collections.ArrayList]@()
        foreach ($item in $Value) {
            $converted = ConvertTo-XedValue $item ($Depth - 1)
            if ($null -ne $converted) { $converted = $converted.PSObject.BaseObject }
            [void]$list.Add($converted)
        }
        return ,$list
    }
    return $Value.ToString()
}

function ConvertTo-XedPlain {
    param([Parameter(ValueFromPipeline = $true)] $InputObject, [string[]]$Exclude = @())
    process {
        if ($null -eq $InputObject) { return }
        $plain = [ordered]@{}
        foreach ($property in $InputObject.PSObject.Properties) {
            $name = $property.Name
            # Never collect secrets (e.g. the XMPP DialbackPassphrase), whatever a cmdlet returns.
            if ($Exclude -contains $name -or $name -match 'Passphrase|Password|Secret|Credential') { continue }
            try { $value = $property.Value } catch { $value = $null }
            $converted = ConvertTo-XedValue $value 2
            if ($null -ne $converted) { $converted = $converted.PSObject.BaseObject }
            $plain[$name] = $converted
        }
        [pscustomobject]$plain
    }
}

function ConvertTo-XedDnsRecord {
    param([Parameter(ValueFromPipeline = $true)] $InputObject)
    process {
        if ($null -eq $InputObject) { return }
        [pscustomobject]@{
            Name = ConvertTo-XedString $InputObject.Name
            Type = ConvertTo-XedString $InputObject.Type
            Section = ConvertTo-XedString $InputObject.Section
            TTL = $InputObject.TTL
            NameTarget = ConvertTo-XedString $InputObject.NameTarget
            Port = $InputObject.Port
            Priority = $InputObject.Priority
            Weight = $InputObject.Weight
            IPAddress = ConvertTo-XedString $InputObject.IPAddress
        }
    }
}

function ConvertTo-XedJson {
    param([object[]]$Items, [string]$Shape)
    if ($Shape -eq 'object') {
        if ($Items.Count -eq 0) { throw 'The command returned no object.' }
        return (ConvertTo-Json -InputObject $Items[0] -Depth 4)
    }
    # -InputObject keeps a one-element or empty result an array; piping would unwrap it.
    return (ConvertTo-Json -InputObject $Items -Depth 4)
}

function Import-XedLyncModule {
    # Lync Server 2013 ships the module "Lync", Skype for Business Server 2015 "SkypeForBusiness".
    if (Get-Module -Name 'SkypeForBusiness', 'Lync') { return }
    $failures = @()
    foreach ($moduleName in 'SkypeForBusiness', 'Lync') {
        try {
            # -Global: the cmdlets must outlive this function (it is called from the runner and from each step).
            Import-Module -Name $moduleName -DisableNameChecking -Global -ErrorAction Stop
            return
        } catch {
            $failures += ($moduleName + ': ' + $_.Exception.Message)
        }
    }
    throw ('The Lync Server / Skype for Business Server PowerShell module could not be loaded. ' + ($failures -join ' | '))
}

function Add-XedNote {
    # Notes explain how a file was collected (a fallback, a limit); the runner records them in manifest.json.
    param([string]$Text)
    if ($null -eq $script:XedNotes) { $script:XedNotes = New-Object System.Collections.ArrayList }
    [void]$script:XedNotes.Add($Text)
}

function Get-XedTopologyXml {
    # An Edge has only the local replica of the Central Management store (DOMAIN-FACTS section 2), hence -LocalStore
    # everywhere but on a Front End. The XML is cached for the rest of the step.
    if ($null -ne $script:XedTopologyXml) { return ,$script:XedTopologyXml }
    if ($XedRole -eq 'FrontEnd') { $topology = Get-CsTopology -AsXml } else { $topology = Get-CsTopology -AsXml -LocalStore }
    if ($topology -is [Xml.XmlNode]) { $text = $topology.OuterXml } else { $text = [string]$topology }
    $document = New-Object System.Xml.XmlDocument
    $document.XmlResolver = $null
    $document.LoadXml($text)
    $script:XedTopologyXml = $document
    return ,$document
}

function Get-XedDnsServers {
    # Win32_NetworkAdapterConfiguration.DNSServerSearchOrder: the resolvers this server asks, in order
    # (learn.microsoft.com/windows/win32/cimwin32prov/win32-networkadapterconfiguration).
    $servers = @()
    try {
        $adapters = @(Get-CimInstance -ClassName Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = True' -ErrorAction Stop)
    } catch {
        $adapters = @(Get-WmiObject -Class Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = True' -ErrorAction SilentlyContinue)
    }
    foreach ($adapter in $adapters) {
        foreach ($server in @($adapter.DNSServerSearchOrder)) {
            if ($server -and $servers -notcontains [string]$server) { $servers += [string]$server }
        }
    }
    return $servers
}

function Get-XedDnsDomains {
    # The domains whose _xmpp-server._tcp record is looked up: the -Domain domains, then every SIP domain this server
    # read (Get-CsSipDomain, else the topology), each once. A Lync admin expects every SIP domain to be checked: one
    # that publishes the record federates over XMPP (DOC-DNS: one SRV record per SIP domain whose users may talk to
    # XMPP contacts). Both lists hold validated DNS names, lower case; -notcontains compares without case.
    $names = @()
    foreach ($name in @(@($XedDomains) + @($XedSipDomains))) {
        if ($name -and $names -notcontains [string]$name) { $names += ([string]$name).ToLowerInvariant() }
    }
    return $names
}

function Resolve-XedDnsName {
    # Asks the configured resolvers one by one (-Server), so the evidence says which one answered; with none
    # configured, the system resolver. Returns {Server, Records}; throws the last error when none answered.
    param([string]$Name, [string]$Type, [string[]]$Servers)
    if (-not (Get-Command -Name Resolve-DnsName -ErrorAction SilentlyContinue)) {
        throw 'Resolve-DnsName is not available here (it comes with Windows Server 2012 and later). The live probe (analyze --probe) checks DNS from another computer.'
    }
    if (@($Servers).Count -eq 0) {
        $records = @(Resolve-DnsName -Name $Name -Type $Type -DnsOnly -ErrorAction Stop | ConvertTo-XedDnsRecord)
        return [pscustomobject]@{ Server = $null; Records = $records }
    }
    $lastError = $null
    foreach ($server in $Servers) {
        try {
            $records = @(Resolve-DnsName -Name $Name -Type $Type -DnsOnly -Server $server -ErrorAction Stop | ConvertTo-XedDnsRecord)
            return [pscustomobject]@{ Server = $server; Records = $records }
        } catch {
            $lastError = $_
            # A name that does not exist is an answer, not a resolver failure: do not ask the next one.
            if ($_.FullyQualifiedErrorId -like 'DNS_ERROR_RCODE_NAME_ERROR*') { throw }
        }
    }
    throw $lastError
}
`
