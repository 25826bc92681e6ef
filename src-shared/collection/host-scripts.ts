/**
 * The PowerShell that runs before the evidence commands, in both collectors: who this server is (role, host, FQDN)
 * and, once the Lync module is loaded, its SIP domains and pool. Same rules as the commands: Windows PowerShell
 * 3.0-5.1 text, ASCII only, read-only, inputs only from the $Xed* variables (evidence-commands.ts).
 */

/** PowerShell text is written with String.raw so backslashes stay as typed. */
const ps = String.raw

/**
 * Detects the server role, host name and FQDN. Prints one object {Host, Fqdn, Role, EdgeServices, FrontEndServices}.
 * Fqdn: host name and primary DNS suffix from IPGlobalProperties (no DNS query; a workgroup Edge has a suffix too,
 * learn.microsoft.com/dotnet/api/system.net.networkinformation.ipglobalproperties).
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
$fqdn = $null
try {
    $ipProperties = [Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties()
    $fqdn = $ipProperties.HostName
    if ($ipProperties.DomainName) { $fqdn = $fqdn + '.' + $ipProperties.DomainName }
    $fqdn = $fqdn.ToLowerInvariant()
} catch { $fqdn = $null }
[pscustomobject]@{
    Host = $hostName
    Fqdn = $fqdn
    Role = $detectedRole
    EdgeServices = $edgeServices
    FrontEndServices = $frontEndServices
}
`

/**
 * After the Lync module is loaded: the SIP domains and the pool this computer belongs to. Prints one object
 * {SipDomains, Pool, Notes}. Get-CsSipDomain (Name; learn.microsoft.com/powershell/module/skypeforbusiness/get-cssipdomain)
 * and Get-CsComputer (Pool; .../get-cscomputer) have no -LocalStore (DOMAIN-FACTS section 2), so on an Edge, and
 * wherever they fail, the local replica's topology answers instead: InternalDomains/InternalDomain@Name and the
 * Cluster@Fqdn holding Machine@Fqdn (topology XML, schema urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008).
 */
export const SERVER_FACTS_SCRIPT = ps`
$sipDomains = @()
$pool = $null
if ($XedRole -ne 'Edge') {
    try {
        $sipDomains = @(Get-CsSipDomain -ErrorAction Stop | ForEach-Object { ConvertTo-XedString $_.Name } | Where-Object { $_ })
    } catch {
        Add-XedNote ('Get-CsSipDomain failed (' + $_.Exception.Message + '); SIP domains read from the topology instead.')
    }
    if ($XedFqdn) {
        try {
            $pool = ConvertTo-XedString (Get-CsComputer -Identity $XedFqdn -ErrorAction Stop).Pool
        } catch {
            Add-XedNote ('Get-CsComputer failed (' + $_.Exception.Message + '); the pool was looked up in the topology instead.')
        }
    }
}
if ($sipDomains.Count -eq 0 -or (-not $pool -and $XedFqdn)) {
    $topology = Get-XedTopologyXml
    if ($sipDomains.Count -eq 0) {
        $sipDomains = @($topology.SelectNodes("//*[local-name()='InternalDomain']") | ForEach-Object { $_.GetAttribute('Name') } | Where-Object { $_ })
    }
    if (-not $pool -and $XedFqdn) {
        foreach ($machine in @($topology.SelectNodes("//*[local-name()='Machine']"))) {
            if ([string]$machine.GetAttribute('Fqdn') -eq $XedFqdn -and $machine.ParentNode.LocalName -eq 'Cluster') {
                $pool = [string]$machine.ParentNode.GetAttribute('Fqdn')
            }
        }
        if (-not $pool) { Add-XedNote ('This computer (' + $XedFqdn + ') is not a machine of any pool in the topology.') }
    }
}
[pscustomobject]@{
    SipDomains = @($sipDomains | ForEach-Object { ([string]$_).ToLowerInvariant() } | Select-Object -Unique)
    Pool = $pool
    Notes = @($script:XedNotes)
}
`
