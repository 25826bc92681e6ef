# FAKE of the Lync Server 2013 module. Cmdlet names, parameters and output property names follow the cmdlet
# reference (learn.microsoft.com/powershell/module/skypeforbusiness/<cmdlet>, "Applies to: Lync Server 2013");
# the values come from the fake server's evidence folder (XedFakeServer). Types the Lync assemblies define
# (enums such as TlsNegotiation, CertType) are given as the names their ToString() prints.
if ((Get-XedFakeBehaviour)['Import-Module:Lync']) { Invoke-XedFakeFault 'Import-Module:Lync' }

function Get-TopologyDocument {
    $text = Get-XedFakeFile 'topology.xml'
    if ($null -eq $text) { return $null }
    $document = New-Object System.Xml.XmlDocument
    $document.LoadXml($text)
    return ,$document
}

function ConvertTo-FakeObject {
    # A record of a ConvertTo-XedPlain'ed file as an object again, with the named properties as DateTime.
    param($Record, [string[]]$Times = @())
    $copy = [ordered]@{}
    foreach ($property in $Record.PSObject.Properties) {
        if ($Times -contains $property.Name) { $copy[$property.Name] = ConvertTo-XedFakeTime $property.Value }
        else { $copy[$property.Name] = $property.Value }
    }
    return [pscustomobject]$copy
}

# Get-CsServerVersion: one line of text, "Lync Server 2013 (5.0.8308.0): Volume license key installed."
function Get-CsServerVersion {
    [CmdletBinding()] param()
    Invoke-XedFakeFault 'Get-CsServerVersion'
    $text = Get-XedFakeFile 'server-version.txt'
    if ($null -eq $text) { throw 'Get-CsServerVersion: no version.' }
    $text.Trim()
}

# Get-CsSite: Identity ("Site:Redmond"), SiteId, Services, Pools, FederationRoute, XmppFederationRoute,
# DefaultPersistentChatPool, Description, DisplayName, SiteType, ParentSite (get-cssite).
function Get-CsSite {
    [CmdletBinding()] param([Parameter(Position = 0)][string]$Identity)
    Invoke-XedFakeFault 'Get-CsSite'
    $topology = Get-TopologyDocument
    $sitePools = (Get-XedFakeBehaviour)['sitePools']
    foreach ($site in @(Get-XedFakeJson 'sites.json')) {
        $displayName = ([string]$site.Identity) -replace '^[Ss]ite:', ''
        $pools = @()
        if ($sitePools -and $sitePools.PSObject.Properties[[string]$site.Identity]) {
            $pools = @($sitePools.PSObject.Properties[[string]$site.Identity].Value)
        } elseif ($topology) {
            # Sites/CentralSite@SiteId + Name, Clusters/Cluster@Fqdn + ClusterId@SiteId (topology XML).
            foreach ($node in @($topology.SelectNodes("//*[local-name()='CentralSite' or local-name()='BranchSite']"))) {
                $nameNode = $node.SelectSingleNode("*[local-name()='Name']")
                if (-not $nameNode -or $nameNode.InnerText -ne $displayName) { continue }
                $siteId = $node.GetAttribute('SiteId')
                foreach ($cluster in @($topology.SelectNodes("//*[local-name()='Cluster'][@Fqdn]"))) {
                    $id = $cluster.SelectSingleNode("*[local-name()='ClusterId']")
                    if ($id -and $id.GetAttribute('SiteId') -eq $siteId) { $pools += $cluster.GetAttribute('Fqdn') }
                }
            }
        }
        [pscustomobject]@{
            Identity = [string]$site.Identity
            SiteId = $site.SiteId
            Services = @()
            Pools = [string[]]$pools
            FederationRoute = $site.FederationRoute
            XmppFederationRoute = $site.XmppFederationRoute
            DefaultPersistentChatPool = $null
            Description = $null
            DisplayName = $displayName
            SiteType = 'CentralSite'
            ParentSite = $null
        }
    }
}

# Get-CsTopology [-AsXml] [-LocalStore] (get-cstopology): the published topology as XML text.
function Get-CsTopology {
    [CmdletBinding()] param([switch]$AsXml, [switch]$LocalStore)
    Invoke-XedFakeFault 'Get-CsTopology'
    $text = Get-XedFakeFile 'topology.xml'
    if ($null -eq $text) { throw 'The topology could not be read.' }
    $text.TrimStart([char]0xFEFF)
}

# Get-CsService -EdgeServer (get-csservice): Identity ("EdgeServer:pool"), PoolFqdn, SiteId, AccessEdgeExternalFqdn,
# AccessEdgeExternalSipPort, XmppListeningPort, XmppInternalPort, ... (DOMAIN-FACTS section 3, set-csedgeserver).
# No -LocalStore parameter exists.
function Get-CsService {
    [CmdletBinding()] param([switch]$EdgeServer, [switch]$Registrar)
    Invoke-XedFakeFault 'Get-CsService'
    foreach ($record in @(Get-XedFakeJson 'edge-services.json')) { ConvertTo-FakeObject $record }
}

# Get-CsAccessEdgeConfiguration [-LocalStore]: Identity, AllowFederatedUsers, AllowOutsideUsers, EnablePartnerDiscovery,
# UseDnsSrvRouting, ... (get-csaccessedgeconfiguration).
function Get-CsAccessEdgeConfiguration {
    [CmdletBinding()] param([switch]$LocalStore)
    Invoke-XedFakeFault 'Get-CsAccessEdgeConfiguration'
    foreach ($record in @(Get-XedFakeJson 'access-edge.json')) { ConvertTo-FakeObject $record }
}

# Get-CsExternalAccessPolicy [-LocalStore]: Identity, EnableFederationAccess, EnableXmppAccess, EnablePublicCloudAccess,
# EnableOutsideAccess, ... (get-csexternalaccesspolicy).
function Get-CsExternalAccessPolicy {
    [CmdletBinding()] param([switch]$LocalStore)
    Invoke-XedFakeFault 'Get-CsExternalAccessPolicy'
    foreach ($record in @(Get-XedFakeJson 'external-access-policies.json')) { ConvertTo-FakeObject $record }
}

# Get-CsUser [-ResultSize] (get-csuser): Identity, SipAddress, RegistrarPool, ExternalAccessPolicy (empty: the
# site or global policy applies). One user per count in policy-grants.json; badUserAt makes the n-th user a
# non-terminating error, as an unreadable AD object gives.
function Get-CsUser {
    [CmdletBinding()] param([Parameter(Position = 0)][string]$Identity, [Nullable[int]]$ResultSize)
    Invoke-XedFakeFault 'Get-CsUser'
    $text = Get-XedFakeFile 'policy-grants.json'
    if ($null -eq $text) { throw 'Active Directory could not be reached (Get-CsUser needs a domain-joined server).' }
    $badAt = (Get-XedFakeBehaviour)['badUserAt']
    $defaultPool = (Get-XedFakeBehaviour)['userPool']
    if (-not $defaultPool) { $defaultPool = 'pool01.contoso.com' }
    $number = 0
    foreach ($grant in @(ConvertFrom-Json -InputObject $text)) {
        $count = $grant.UserCount
        if ($null -eq $count) { $count = $grant.Count }
        $policy = $grant.Policy
        if ($null -eq $policy -and $grant.PSObject.Properties['Name']) { $policy = $grant.Name }
        $pool = $grant.RegistrarPool
        if (-not $pool) { $pool = $defaultPool }
        for ($i = 0; $i -lt [int]$count; $i++) {
            $number++
            if ($null -ne $ResultSize -and $number -gt $ResultSize) { return }
            if ($badAt -and $number -eq [int]$badAt) {
                Write-Error -Message ('Cannot read the user CN=User' + $number + ',OU=Users,DC=contoso,DC=com: the object is damaged.') -ErrorId 'Microsoft.Rtc.Management.AD.ADUnreadable'
                continue
            }
            [pscustomobject]@{
                Identity = 'CN=User' + $number + ',OU=Users,DC=contoso,DC=com'
                SipAddress = 'sip:user' + $number + '@contoso.com'
                RegistrarPool = $pool
                ExternalAccessPolicy = $policy
            }
        }
    }
}

# Get-CsXmppAllowedPartner [-LocalStore] (get-csxmppallowedpartner): Identity, Domain, AdditionalDomains, PartnerType,
# TlsNegotiation, SaslNegotiation, SupportDialbackNegotiation, EnableKeepAlive, ProxyFqdn, ConnectionLimit, ...
function Get-CsXmppAllowedPartner {
    [CmdletBinding()] param([switch]$LocalStore)
    Invoke-XedFakeFault 'Get-CsXmppAllowedPartner'
    foreach ($record in @(Get-XedFakeJson 'xmpp-partners.json')) { ConvertTo-FakeObject $record }
}

# Get-CsXmppGatewayConfiguration [-LocalStore] (get-csxmppgatewayconfiguration): DialbackPassphrase (a secret the
# collector must never write) and the timers.
function Get-CsXmppGatewayConfiguration {
    [CmdletBinding()] param([switch]$LocalStore)
    Invoke-XedFakeFault 'Get-CsXmppGatewayConfiguration'
    foreach ($record in @(Get-XedFakeJson 'xmpp-gateway.json')) {
        $object = ConvertTo-FakeObject $record
        $object | Add-Member -NotePropertyName DialbackPassphrase -NotePropertyValue 'FAKE-SECRET-PASSPHRASE' -Force
        $object
    }
}

# Get-CsCertificate (get-cscertificate): Use, Thumbprint, Subject, Issuer, NotBefore, NotAfter (DateTime),
# AlternativeNames, SerialNumber.
function Get-CsCertificate {
    [CmdletBinding()] param([string]$Type)
    Invoke-XedFakeFault 'Get-CsCertificate'
    foreach ($record in @(Get-XedFakeJson 'certificates.json')) { ConvertTo-FakeObject $record -Times 'NotBefore', 'NotAfter' }
}

# Get-CsManagementStoreReplicationStatus (get-csmanagementstorereplicationstatus): ReplicaFqdn, UpToDate,
# LastStatusReport, LastUpdateCreation (DateTime), ProductVersion.
function Get-CsManagementStoreReplicationStatus {
    [CmdletBinding()] param([string]$ReplicaFqdn)
    Invoke-XedFakeFault 'Get-CsManagementStoreReplicationStatus'
    $text = Get-XedFakeFile 'replication.json'
    if ($null -eq $text) { throw 'The Central Management store could not be reached.' }
    foreach ($record in @(ConvertFrom-Json -InputObject $text)) { ConvertTo-FakeObject $record -Times 'LastStatusReport', 'LastUpdateCreation' }
}

# Get-CsSipDomain (get-cssipdomain): Identity, Name, IsDefault. No -LocalStore parameter.
function Get-CsSipDomain {
    [CmdletBinding()] param([Parameter(Position = 0)][string]$Identity)
    Invoke-XedFakeFault 'Get-CsSipDomain'
    $first = $true
    foreach ($name in @((Get-XedFakeManifest).sipDomains)) {
        [pscustomobject]@{ Identity = [string]$name; Name = [string]$name; IsDefault = $first }
        $first = $false
    }
}

# Get-CsComputer -Identity <fqdn> (get-cscomputer): Identity, Pool, Fqdn. No -LocalStore parameter.
function Get-CsComputer {
    [CmdletBinding()] param([Parameter(Position = 0)][string]$Identity)
    Invoke-XedFakeFault 'Get-CsComputer'
    $pool = (Get-XedFakeBehaviour)['computerPool']
    if (-not $pool) { throw ('Cannot find computer "' + $Identity + '" in the topology.') }
    [pscustomobject]@{ Identity = $Identity; Pool = [string]$pool; Fqdn = $Identity }
}

# Get-ChildItem Cert:\LocalMachine\Root -> X509Certificate2: Subject, Issuer, Thumbprint
# (learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509certificate2). pwsh on Linux
# has no Cert: drive; any other path goes to the real cmdlet.
function Get-ChildItem {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Recurse, [switch]$Force)
    if ($Path -and $Path[0] -like 'Cert:*') {
        Invoke-XedFakeFault 'Cert:'
        foreach ($record in @(Get-XedFakeJson 'root-store.json')) {
            [pscustomobject]@{ PSTypeName = 'System.Security.Cryptography.X509Certificates.X509Certificate2'; Subject = [string]$record.Subject; Issuer = [string]$record.Issuer; Thumbprint = [string]$record.Thumbprint }
        }
        return
    }
    Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters
}
