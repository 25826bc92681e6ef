# Data for the fake cmdlets: an evidence folder (XED_FAKE_SERVER) and faults (XED_FAKE_BEHAVIOUR, JSON).
# XED_FAKE_BEHAVIOUR keys:
#   "<fake name>": { "throw": "message", "errorId": "Id" }  the fake throws (a terminating error, like -ErrorAction Stop)
#   "<fake name>": { "hang": true }                          the fake sleeps far beyond any test timeout
#   "<fake name>": { "exit": n }                             the whole PowerShell process ends with exit code n
#   "noStartType": true        Get-Service objects have no StartType value (.NET older than 4.6.1, PS 4.0)
#   "dnsServers": ["ip", ...]  Win32_NetworkAdapterConfiguration.DNSServerSearchOrder (default 10.0.0.53)
#   "deadDnsServers": ["ip"]   Resolve-DnsName -Server <ip> times out for these
#   "badUserAt": n             Get-CsUser writes a non-terminating error instead of its n-th user
#   "sitePools": { "Site:Redmond": ["pool"] }   Get-CsSite Pools
#   "computerPool": "fqdn"     Get-CsComputer Pool
# Fake names: the cmdlet name, or "Get-CimInstance:<class>" for one WMI class.

$script:Behaviour = $null

function Get-XedFakeBehaviour {
    if ($null -eq $script:Behaviour) {
        $script:Behaviour = @{}
        if ($env:XED_FAKE_BEHAVIOUR) {
            $parsed = ConvertFrom-Json -InputObject $env:XED_FAKE_BEHAVIOUR
            foreach ($property in $parsed.PSObject.Properties) { $script:Behaviour[$property.Name] = $property.Value }
        }
    }
    return $script:Behaviour
}

function Invoke-XedFakeFault {
    param([string]$Name)
    $fault = (Get-XedFakeBehaviour)[$Name]
    if ($null -eq $fault) { return }
    if ($fault.hang) { Start-Sleep -Seconds 3600 }
    if ($fault.exit) { [Environment]::Exit([int]$fault.exit) }
    if ($fault.throw) {
        $errorId = 'XedFakeFault'
        if ($fault.errorId) { $errorId = [string]$fault.errorId }
        $exception = New-Object System.InvalidOperationException -ArgumentList ([string]$fault.throw)
        throw (New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, $errorId, ([System.Management.Automation.ErrorCategory]::NotSpecified), $null)
    }
}

function Get-XedFakeFile {
    # The text of one evidence file of the fake server, or $null when the folder has none. A file the
    # folder's manifest records as failed makes the cmdlet fail the same way.
    param([string]$Name)
    if (-not $env:XED_FAKE_SERVER) { throw 'XED_FAKE_SERVER is not set.' }
    foreach ($entry in @((Get-XedFakeManifest).files)) {
        if ($entry.name -eq $Name -and $entry.exitStatus -eq 'failed') { throw ([string]$entry.error) }
    }
    $path = Join-Path $env:XED_FAKE_SERVER $Name
    if (-not (Test-Path -LiteralPath $path)) { return $null }
    # ReadAllText detects the byte order mark: the folders hold UTF-16LE (Windows PowerShell 5.1 ">") and UTF-8.
    return [System.IO.File]::ReadAllText($path)
}

function Get-XedFakeJson {
    param([string]$Name)
    $text = Get-XedFakeFile $Name
    if ($null -eq $text -or $text.Trim().Length -eq 0) { return @() }
    # -NoEnumerate is not needed: callers wrap in @().
    return ConvertFrom-Json -InputObject $text
}

$script:Manifest = $null
function Get-XedFakeManifest {
    if ($null -eq $script:Manifest) {
        $script:Manifest = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText((Join-Path $env:XED_FAKE_SERVER 'manifest.json')))
    }
    return $script:Manifest
}

function ConvertTo-XedFakeTime {
    # A time of the folder (ISO 8601, "\/Date(ms)\/", or already a DateTime) as a local DateTime, moved by
    # (now - collectedAt) so that the fake server looks as if it were collected now.
    param($Value)
    if ($null -eq $Value -or "$Value" -eq '') { return $null }
    if ($Value -is [datetime]) { $time = $Value.ToUniversalTime() }
    elseif ("$Value" -match '^/Date\((-?\d+)\)/$' -or "$Value" -match '^\\/Date\((-?\d+)\)\\/$') {
        $time = [DateTimeOffset]::FromUnixTimeMilliseconds([long]$Matches[1]).UtcDateTime
    } else {
        $time = [DateTimeOffset]::Parse("$Value", [Globalization.CultureInfo]::InvariantCulture).UtcDateTime
    }
    $collected = (Get-XedFakeManifest).collectedAt
    if ($collected -is [datetime]) { $collectedAt = $collected.ToUniversalTime() }
    else { $collectedAt = [DateTimeOffset]::Parse("$collected", [Globalization.CultureInfo]::InvariantCulture).UtcDateTime }
    return $time.Add([DateTime]::UtcNow - $collectedAt).ToLocalTime()
}
