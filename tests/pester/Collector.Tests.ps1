# Runs the real Collect-XmppEvidence.ps1 end to end against the fake Lync and Windows modules (tests/pester/fakes),
# each test describing one server (an evidence folder of tests/scenarios) and, where needed, one fault.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:Collector = Join-Path $script:Root 'assets/Collect-XmppEvidence.ps1'
    $script:Fakes = Join-Path $PSScriptRoot 'fakes'
    $script:Scenarios = Join-Path $script:Root 'tests/scenarios'
    $script:OriginalModulePath = $env:PSModulePath
    $script:Separator = [IO.Path]::PathSeparator

    function Invoke-Collector {
        # Runs the collector for one fake server; returns the evidence folder, its manifest and the console text.
        param(
            [string]$Server = 'healthy-edge',
            [hashtable]$Behaviour = @{},
            [string[]]$Domain = @('contoso.com'),
            [hashtable]$Parameters = @{},
            [string]$ModulePath = $script:Fakes
        )
        $serverPath = $Server
        if (-not [IO.Path]::IsPathRooted($serverPath)) { $serverPath = Join-Path $script:Scenarios $Server }
        $out = Join-Path $TestDrive ([Guid]::NewGuid().ToString('n'))
        [void](New-Item -ItemType Directory -Path $out)
        $env:XED_FAKE_SERVER = $serverPath
        $env:XED_FAKE_BEHAVIOUR = (ConvertTo-Json -InputObject $Behaviour -Depth 5 -Compress)
        $env:PSModulePath = $ModulePath + $script:Separator + $script:OriginalModulePath
        try {
            $console = & $script:Collector -Domain $Domain -OutputPath $out @Parameters 6>&1 | Out-String
        } finally {
            $env:PSModulePath = $script:OriginalModulePath
        }
        $folder = @(Get-ChildItem -LiteralPath $out -Directory)[0].FullName
        $manifest = Get-Content -LiteralPath (Join-Path $folder 'manifest.json') -Raw | ConvertFrom-Json
        return [pscustomobject]@{ Folder = $folder; Manifest = $manifest; Console = $console; Out = $out }
    }

    function Get-Entry {
        param($Run, [string]$Name)
        return @($Run.Manifest.files | Where-Object { $_.name -eq $Name })[0]
    }

    function Read-Evidence {
        param($Run, [string]$Name)
        return Get-Content -LiteralPath (Join-Path $Run.Folder $Name) -Raw | ConvertFrom-Json
    }

    function Copy-Scenario {
        # A private copy of a scenario folder, to change one file.
        param([string]$Name)
        $target = Join-Path $TestDrive ('server-' + [Guid]::NewGuid().ToString('n'))
        Copy-Item -LiteralPath (Join-Path $script:Scenarios $Name) -Destination $target -Recurse
        return $target
    }
}

AfterAll {
    $env:PSModulePath = $script:OriginalModulePath
    Remove-Item Env:XED_FAKE_SERVER, Env:XED_FAKE_BEHAVIOUR -ErrorAction SilentlyContinue
}

Describe 'A healthy Edge' {
    BeforeAll {
        # Upper case and a trailing dot: accepted and normalized.
        $script:Run = Invoke-Collector -Server 'healthy-edge' -Domain 'Contoso.COM.'
    }

    It 'collects every Edge file and skips the Front End ones' {
        foreach ($entry in $script:Run.Manifest.files) {
            if ($entry.name -in 'policy-grants.json', 'replication.json') { $entry.exitStatus | Should -Be 'skipped' }
            else { $entry.exitStatus | Should -Be 'ok' -Because $entry.name }
        }
        $script:Run.Manifest.role | Should -Be 'Edge'
        $script:Run.Manifest.format | Should -Be 'xmpp-edge-doctor/evidence'
        @($script:Run.Manifest.xmppDomains) | Should -Be @('contoso.com')
    }

    It 'records the SIP domains, the event window and the computer FQDN' {
        @($script:Run.Manifest.sipDomains) | Should -Be @('contoso.com')
        $script:Run.Manifest.eventDays | Should -Be 7
        $script:Run.Manifest.fqdn | Should -Not -BeNullOrEmpty
    }

    It 'records which DNS server answered and warns that it may be internal (split-brain)' {
        $srv = @(Read-Evidence $script:Run 'dns-srv.json')
        $srv[0].Server | Should -Be '10.0.0.53'
        $srv[0].Records[0].Port | Should -Be 5269
        (Get-Entry $script:Run 'dns-srv.json').notes -join ' ' | Should -Match 'split-brain'
    }

    It 'never writes the dialback passphrase' {
        Get-Content -LiteralPath (Join-Path $script:Run.Folder 'xmpp-gateway.json') -Raw | Should -Not -Match 'FAKE-SECRET|Passphrase'
    }

    It 'writes UTF-8 without a byte order mark, and a zip with the same files at its root' {
        foreach ($file in Get-ChildItem -LiteralPath $script:Run.Folder -File) {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            ($bytes.Length -ge 2 -and (($bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB) -or ($bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE))) | Should -BeFalse -Because $file.Name
        }
        $zip = $script:Run.Folder + '.zip'
        Test-Path -LiteralPath $zip | Should -BeTrue
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [IO.Compression.ZipFile]::OpenRead($zip)
        try { $names = @($archive.Entries | ForEach-Object { $_.FullName }) } finally { $archive.Dispose() }
        ($names | Sort-Object) | Should -Be (@(Get-ChildItem -LiteralPath $script:Run.Folder -File | ForEach-Object { $_.Name }) | Sort-Object)
    }
}

Describe 'A healthy Front End' {
    BeforeAll { $script:Run = Invoke-Collector -Server 'healthy-frontend' -Behaviour @{ computerPool = 'pool01.contoso.com' } }

    It 'collects every file, users counted by policy and registrar pool' {
        foreach ($entry in $script:Run.Manifest.files) { $entry.exitStatus | Should -Be 'ok' -Because $entry.name }
        $grants = @(Read-Evidence $script:Run 'policy-grants.json')
        $grants.Count | Should -Be 1
        $grants[0].Policy | Should -BeNullOrEmpty
        $grants[0].RegistrarPool | Should -Be 'pool01.contoso.com'
        $grants[0].UserCount | Should -Be 240
    }

    It 'records the pool from Get-CsComputer and the pools of each site' {
        $script:Run.Manifest.pool | Should -Be 'pool01.contoso.com'
        $sites = @(Read-Evidence $script:Run 'sites.json')
        $sites[0].DisplayName | Should -Not -BeNullOrEmpty
        ,@($sites[0].Pools) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-CsUser on a Front End' {
    It 'counts the other users when one cannot be read, and says so' {
        $run = Invoke-Collector -Server 'healthy-frontend' -Behaviour @{ badUserAt = 3 }
        (Get-Entry $run 'policy-grants.json').exitStatus | Should -Be 'ok'
        (@(Read-Evidence $run 'policy-grants.json') | Measure-Object -Property UserCount -Sum).Sum | Should -Be 239
        (Get-Entry $run 'policy-grants.json').notes -join ' ' | Should -Match '1 user\(s\) could not be read'
    }

    It 'stops at -MaxUsers (Get-CsUser -ResultSize) and says the counts are partial' {
        $run = Invoke-Collector -Server 'healthy-frontend' -Parameters @{ MaxUsers = 5 }
        (@(Read-Evidence $run 'policy-grants.json') | Measure-Object -Property UserCount -Sum).Sum | Should -Be 5
        (Get-Entry $run 'policy-grants.json').notes -join ' ' | Should -Match 'ResultSize 5'
    }
}

Describe 'Service start types' {
    It 'come from Win32_Service.StartMode even when Get-Service has no StartType (.NET before 4.6.1)' {
        $run = Invoke-Collector -Server 'proxy-service-stopped' -Behaviour @{ noStartType = $true }
        $services = @(Read-Evidence $run 'services.json')
        $services | ForEach-Object { $_.StartType | Should -BeIn @('Automatic', 'Manual', 'Disabled') -Because $_.Name }
        @($services | Where-Object { $_.Status -eq 'Stopped' }).Count | Should -BeGreaterThan 0
    }

}

Describe 'Faults' {
    BeforeAll {
        # One run, several independent faults (each step runs on its own, so one fault cannot hide another).
        $denied = @{ throw = 'Access denied'; errorId = 'HRESULT 0x80041003,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' }
        $script:Run = Invoke-Collector -Parameters @{ CommandTimeoutSeconds = 5 } -Behaviour @{
            'Get-CimInstance:Win32_Service' = $denied
            'Get-WmiObject' = $denied
            'Get-CsCertificate' = @{ throw = 'Access is denied.'; errorId = 'UnauthorizedAccess' }
            'Get-CsSite' = @{ hang = $true }
            'Get-CsXmppAllowedPartner' = @{ throw = 'The connection to the local replica was lost.' }
            'Get-CsService' = @{ throw = 'Cannot connect to Active Directory.' }
            dnsServers = @('10.0.0.53', '10.0.0.54')
            deadDnsServers = @('10.0.0.53')
        }
    }

    It 'takes StartType from Get-Service when WMI is denied, and the note says why' {
        (Get-Entry $script:Run 'services.json').exitStatus | Should -Be 'ok'
        @(Read-Evidence $script:Run 'services.json')[0].StartType | Should -Be 'Automatic'
        @(Read-Evidence $script:Run 'services.json')[0].ProcessId | Should -BeNullOrEmpty
        (Get-Entry $script:Run 'services.json').notes -join ' ' | Should -Match 'Win32_Service could not be read \(Access denied\)'
    }

    It 'records access denied on one cmdlet and goes on' {
        (Get-Entry $script:Run 'certificates.json').exitStatus | Should -Be 'failed'
        (Get-Entry $script:Run 'certificates.json').error | Should -Match 'Access is denied\. \[UnauthorizedAccess'
        (Get-Entry $script:Run 'root-store.json').exitStatus | Should -Be 'ok'
    }

    It 'records a cmdlet that throws midway and runs every later step' {
        (Get-Entry $script:Run 'xmpp-partners.json').exitStatus | Should -Be 'failed'
        (Get-Entry $script:Run 'xmpp-partners.json').error | Should -Match 'local replica was lost'
        (Get-Entry $script:Run 'xmpp-gateway.json').exitStatus | Should -Be 'ok'
    }

    It 'stops a cmdlet that hangs after -CommandTimeoutSeconds and runs the rest in a new worker' {
        (Get-Entry $script:Run 'sites.json').exitStatus | Should -Be 'failed'
        (Get-Entry $script:Run 'sites.json').error | Should -Match 'Stopped after 5 s'
        (Get-Entry $script:Run 'topology.xml').exitStatus | Should -Be 'ok'
        (Get-Entry $script:Run 'access-edge.json').exitStatus | Should -Be 'ok'
    }

    It 'falls back to the local topology when Get-CsService -EdgeServer fails on a workgroup Edge, and records why' {
        $entry = Get-Entry $script:Run 'edge-services.json'
        $entry.exitStatus | Should -Be 'ok'
        $entry.notes -join ' ' | Should -Match 'Cannot connect to Active Directory.*-LocalStore'
        $edge = @(Read-Evidence $script:Run 'edge-services.json')
        $edge[0].Identity | Should -Be 'EdgeServer:edgepool.contoso.com'
        $edge[0].SiteId | Should -Be 'Site:Taipei'
        $edge[0].Source | Should -Be 'Get-CsTopology -AsXml -LocalStore'
    }

    It 'asks the next configured DNS server when the first does not answer, and records which one did' {
        @(Read-Evidence $script:Run 'dns-srv.json')[0].Server | Should -Be '10.0.0.54'
        @(Read-Evidence $script:Run 'dns-a.json')[0].Server | Should -Be '10.0.0.54'
    }

    It 'records a missing Lync module on every Lync step and still collects the Windows ones' {
        $windowsOnly = Join-Path $TestDrive 'windows-only'
        [void](New-Item -ItemType Directory -Path $windowsOnly -Force)
        Copy-Item -LiteralPath (Join-Path $script:Fakes 'XedFakeServer'), (Join-Path $script:Fakes 'XedFakeWindows') -Destination $windowsOnly -Recurse -Force
        $run = Invoke-Collector -Server 'healthy-edge' -ModulePath $windowsOnly
        (Get-Entry $run 'sites.json').exitStatus | Should -Be 'failed'
        (Get-Entry $run 'sites.json').error | Should -Match 'module could not be loaded'
        (Get-Entry $run 'services.json').exitStatus | Should -Be 'ok'
        (Get-Entry $run 'netstat.txt').exitStatus | Should -Be 'ok'
        (Get-Entry $run 'dns-srv.json').exitStatus | Should -Be 'ok'
        @($run.Manifest.sipDomains).Count | Should -Be 0
    }

    It 'records a name that does not exist as the answer of the first server' {
        $run = Invoke-Collector -Server 'srv-record-missing' -Behaviour @{ dnsServers = @('10.0.0.53', '10.0.0.54') }
        $srv = @(Read-Evidence $run 'dns-srv.json')[0]
        $srv.Error | Should -Match 'does not exist'
        @($srv.Records).Count | Should -Be 0
    }
}

Describe 'Every SIP domain' {
    BeforeAll {
        # Get-CsSipDomain returns the -Domain domain again (other case), a second SIP domain and a name that is not a
        # DNS name; the resolver knows an SRV record and its target for both real domains.
        $server = Copy-Scenario 'healthy-frontend'
        $manifestPath = Join-Path $server 'manifest.json'
        $manifest = Get-Content -LiteralPath $manifestPath -Raw | ConvertFrom-Json
        $manifest.sipDomains = @('CONTOSO.com', 'fabrikam.com', 'not a domain')
        [IO.File]::WriteAllText($manifestPath, (ConvertTo-Json -InputObject $manifest -Depth 5))
        $records = @(
            @{ Name = '_xmpp-server._tcp.contoso.com'; Type = 33; TTL = 3600; NameTarget = 'sip.contoso.com'; Priority = 0; Weight = 0; Port = 5269 },
            @{ Name = '_xmpp-server._tcp.fabrikam.com'; Type = 33; TTL = 3600; NameTarget = 'sip.fabrikam.com'; Priority = 0; Weight = 0; Port = 5269 },
            @{ Name = 'sip.contoso.com'; Type = 1; TTL = 3600; IPAddress = '203.0.113.10' },
            @{ Name = 'sip.fabrikam.com'; Type = 1; TTL = 3600; IPAddress = '203.0.113.20' }
        )
        [IO.File]::WriteAllText((Join-Path $server 'dns-srv.json'), (ConvertTo-Json -InputObject $records))
        [IO.File]::WriteAllText((Join-Path $server 'dns-a.json'), '[]')
        $script:Run = Invoke-Collector -Server $server -Domain 'contoso.com' -Behaviour @{ computerPool = 'pool01.contoso.com' }
    }

    It 'records the valid SIP domains once each, lower case, and says which one was left out' {
        @($script:Run.Manifest.sipDomains) | Should -Be @('contoso.com', 'fabrikam.com')
        @($script:Run.Manifest.xmppDomains) | Should -Be @('contoso.com')
        ($script:Run.Manifest.notes -join ' ') | Should -Match 'not a domain'
    }

    It 'looks up the SRV record of the -Domain domains and of every other SIP domain, each once' {
        @(Read-Evidence $script:Run 'dns-srv.json' | ForEach-Object { $_.Query }) | Should -Be @('_xmpp-server._tcp.contoso.com', '_xmpp-server._tcp.fabrikam.com')
        $fabrikam = @(Read-Evidence $script:Run 'dns-srv.json')[1]
        $fabrikam.Records[0].NameTarget | Should -Be 'sip.fabrikam.com'
        (Get-Entry $script:Run 'dns-srv.json').notes -join ' ' | Should -Match 'not given with -Domain: fabrikam\.com\.'
    }

    It 'resolves the SRV targets of every domain' {
        @(Read-Evidence $script:Run 'dns-a.json' | ForEach-Object { $_.Query }) | Should -Be @('sip.contoso.com', 'sip.fabrikam.com')
    }
}

Describe 'The event log window' {
    It 'asks for levels 1 to 3 since -EventDays days ago' {
        $server = Copy-Scenario 'healthy-edge'
        $collected = [DateTime]::Parse('2026-11-20T01:30:00Z').ToUniversalTime()
        $events = @(
            @{ TimeCreated = $collected.AddHours(-2).ToString('o'); Id = 1; Level = 1; LevelDisplayName = 'Critical'; ProviderName = 'LS XMPP Translating Gateway Proxy'; Message = 'critical, 2 hours old' },
            @{ TimeCreated = $collected.AddDays(-3).ToString('o'); Id = 2; Level = 2; LevelDisplayName = 'Error'; ProviderName = 'LS XMPP Translating Gateway Proxy'; Message = 'error, 3 days old' },
            @{ TimeCreated = $collected.AddHours(-1).ToString('o'); Id = 3; Level = 4; LevelDisplayName = 'Information'; ProviderName = 'LS XMPP Translating Gateway Proxy'; Message = 'information' }
        )
        [IO.File]::WriteAllText((Join-Path $server 'events.json'), (ConvertTo-Json -InputObject $events))
        $week = @(Read-Evidence (Invoke-Collector -Server $server) 'events.json')
        ($week | ForEach-Object { $_.Id } | Sort-Object) | Should -Be @(1, 2)
        $day = Invoke-Collector -Server $server -Parameters @{ EventDays = 1 }
        @(Read-Evidence $day 'events.json' | ForEach-Object { $_.Id }) | Should -Be @(1)
        $day.Manifest.eventDays | Should -Be 1
    }
}

Describe 'Output encodings' {
    It 'keeps Chinese text intact from a UTF-16LE source to UTF-8 evidence' {
        $server = Copy-Scenario 'healthy-edge'
        $message = 'XMPP Proxy 無法與遠端伺服器建立連線。'
        $events = @(@{ TimeCreated = '2026-11-20T00:30:00Z'; Id = 7; Level = 2; LevelDisplayName = '錯誤'; ProviderName = 'LS XMPP Translating Gateway Proxy'; Message = $message })
        # Windows PowerShell 5.1 ">" writes UTF-16LE with a byte order mark.
        [IO.File]::WriteAllText((Join-Path $server 'events.json'), (ConvertTo-Json -InputObject $events), [Text.Encoding]::Unicode)
        $run = Invoke-Collector -Server $server
        $bytes = [IO.File]::ReadAllBytes((Join-Path $run.Folder 'events.json'))
        $text = (New-Object System.Text.UTF8Encoding -ArgumentList $false, $true).GetString($bytes)
        $text | Should -Match ([regex]::Escape($message))
        $text | Should -Match '錯誤'
    }
}

Describe 'A bad -Domain' {
    It 'stops before collecting anything with one readable sentence, not a regular expression' {
        $out = Join-Path $TestDrive 'bad-domain'
        [void](New-Item -ItemType Directory -Path $out -Force)
        $failure = $null
        try { & $script:Collector -Domain 'contoso com' -OutputPath $out 6>$null } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Match '^InvalidDomain'
        $failure.Exception.Message | Should -Match 'is not a DNS domain name'
        $failure.Exception.Message | Should -Match 'contoso\.com'
        $failure.Exception.Message | Should -Not -Match '\(\?'
        @(Get-ChildItem -LiteralPath $out).Count | Should -Be 0
    }

}

Describe 'The pool of this computer' {
    It 'is found in the topology when this computer is one of its machines' {
        $server = Copy-Scenario 'healthy-edge'
        $fqdn = [Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().HostName
        $domain = [Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().DomainName
        if ($domain) { $fqdn = $fqdn + '.' + $domain }
        $topologyPath = Join-Path $server 'topology.xml'
        $topology = [IO.File]::ReadAllText($topologyPath)
        [IO.File]::WriteAllText($topologyPath, $topology.Replace('Fqdn="edge01.contoso.com"', 'Fqdn="' + $fqdn.ToLowerInvariant() + '"'))
        $run = Invoke-Collector -Server $server
        $run.Manifest.pool | Should -Be 'edgepool.contoso.com'
        $run.Manifest.fqdn | Should -Be $fqdn.ToLowerInvariant()
    }
}
