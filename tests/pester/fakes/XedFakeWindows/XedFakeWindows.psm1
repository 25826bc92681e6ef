# Fake Windows cmdlets and programs. Each returns objects with the property names and types of the real one
# (source in the comment above it); values come from the fake server's evidence folder (XedFakeServer).

function ConvertTo-FakeServiceStatus {
    param($Value)
    # PS 5.1 evidence holds ServiceControllerStatus as a number (1 Stopped ... 4 Running ... 7 Paused).
    if ("$Value" -match '^\d+$') { return [System.ServiceProcess.ServiceControllerStatus][int]$Value }
    return [System.ServiceProcess.ServiceControllerStatus]"$Value"
}

function ConvertTo-FakeStartMode {
    param($Value)
    if ($null -eq $Value -or "$Value" -eq '') { return $null }
    if ("$Value" -match '^\d+$') { return [System.ServiceProcess.ServiceStartMode][int]$Value }
    return [System.ServiceProcess.ServiceStartMode]"$Value"
}

function Get-FakeServices { @(Get-XedFakeJson 'services.json') }

# Get-Service -> System.ServiceProcess.ServiceController: Name, DisplayName, Status (ServiceControllerStatus),
# StartType (ServiceStartMode, .NET Framework 4.6.1 and later only).
# learn.microsoft.com/dotnet/api/system.serviceprocess.servicecontroller
function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    Invoke-XedFakeFault 'Get-Service'
    $noStartType = [bool](Get-XedFakeBehaviour)['noStartType']
    foreach ($service in Get-FakeServices) {
        if ($Name -and $Name -notcontains $service.Name) { continue }
        $startType = ConvertTo-FakeStartMode $service.StartType
        if ($noStartType) { $startType = $null }
        [pscustomobject]@{
            Name = [string]$service.Name
            DisplayName = [string]$service.DisplayName
            Status = ConvertTo-FakeServiceStatus $service.Status
            StartType = $startType
        }
    }
}

function Get-FakeWmi {
    param([string]$ClassName, [string]$Filter)
    Invoke-XedFakeFault ('Get-CimInstance:' + $ClassName)
    switch ($ClassName) {
        'Win32_Service' {
            # Win32_Service: Name, DisplayName, State (string), StartMode ("Boot", "System", "Auto", "Manual",
            # "Disabled"), ProcessId (uint32, 0 when not running).
            # learn.microsoft.com/windows/win32/cimwin32prov/win32-service
            foreach ($service in Get-FakeServices) {
                $status = ConvertTo-FakeServiceStatus $service.Status
                $mode = [string](ConvertTo-FakeStartMode $service.StartType)
                if ($mode -eq 'Automatic') { $mode = 'Auto' }
                $processId = [uint32]0
                if ($status -eq 'Running' -and $service.ProcessId) { $processId = [uint32]$service.ProcessId }
                [pscustomobject]@{
                    PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Service'
                    Name = [string]$service.Name
                    DisplayName = [string]$service.DisplayName
                    State = [string]$status
                    StartMode = $mode
                    ProcessId = $processId
                }
            }
        }
        'Win32_Process' {
            # Win32_Process: ProcessId (uint32), CreationDate (datetime; a DateTime through CIM cmdlets).
            # learn.microsoft.com/windows/win32/cimwin32prov/win32-process. No match: no instance, no error.
            $wanted = $null
            if ($Filter -match 'ProcessId\s*=\s*(\d+)') { $wanted = [int]$Matches[1] }
            foreach ($service in Get-FakeServices) {
                if ($null -ne $wanted -and [int]$service.ProcessId -ne $wanted) { continue }
                if (-not $service.ProcessStartTime) { continue }
                [pscustomobject]@{
                    PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Process'
                    ProcessId = [uint32]$service.ProcessId
                    CreationDate = ConvertTo-XedFakeTime $service.ProcessStartTime
                }
                break
            }
        }
        'Win32_NetworkAdapterConfiguration' {
            # Win32_NetworkAdapterConfiguration: IPEnabled (boolean), DNSServerSearchOrder (string[]).
            # learn.microsoft.com/windows/win32/cimwin32prov/win32-networkadapterconfiguration
            $servers = (Get-XedFakeBehaviour)['dnsServers']
            if ($null -eq $servers) { $servers = @('10.0.0.53') }
            [pscustomobject]@{ IPEnabled = $true; DNSServerSearchOrder = [string[]]@($servers) }
        }
        default { throw ('Invalid class "' + $ClassName + '"') }
    }
}

# Get-CimInstance -ClassName <class> [-Filter] (learn.microsoft.com/powershell/module/cimcmdlets/get-ciminstance)
function Get-CimInstance {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ClassName, [string]$Filter, [string]$Namespace)
    Get-FakeWmi -ClassName $ClassName -Filter $Filter
}

# Get-WmiObject -Class <class> [-Filter] (Windows PowerShell only; learn.microsoft.com/powershell/module/microsoft.powershell.management/get-wmiobject?view=powershell-5.1)
function Get-WmiObject {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Class, [string]$Filter, [string]$Namespace)
    Invoke-XedFakeFault 'Get-WmiObject'
    Get-FakeWmi -ClassName $Class -Filter $Filter
}

# Get-WinEvent -FilterHashtable @{LogName; Level; StartTime} -MaxEvents -> EventLogRecord: Id (int), Level (byte),
# LevelDisplayName, ProviderName, TimeCreated (DateTime?), Message.
# learn.microsoft.com/dotnet/api/system.diagnostics.eventing.reader.eventlogrecord ;
# no match is an error "NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand"
# (learn.microsoft.com/powershell/module/microsoft.powershell.diagnostics/get-winevent).
function Get-WinEvent {
    [CmdletBinding()]
    param([hashtable]$FilterHashtable, [long]$MaxEvents = [long]::MaxValue)
    Invoke-XedFakeFault 'Get-WinEvent'
    $levels = @($FilterHashtable['Level'] | ForEach-Object { [int]$_ })
    $since = $FilterHashtable['StartTime']
    $found = @(foreach ($event in @(Get-XedFakeJson 'events.json')) {
            $time = ConvertTo-XedFakeTime $event.TimeCreated
            if ($levels.Count -gt 0 -and $levels -notcontains [int]$event.Level) { continue }
            if ($since -and $time -lt $since) { continue }
            [pscustomobject]@{
                PSTypeName = 'System.Diagnostics.Eventing.Reader.EventLogRecord'
                Id = [int]$event.Id
                Level = [byte]$event.Level
                LevelDisplayName = [string]$event.LevelDisplayName
                ProviderName = [string]$event.ProviderName
                TimeCreated = $time
                Message = [string]$event.Message
            }
        })
    if ($found.Count -eq 0) {
        $exception = New-Object System.Exception -ArgumentList 'No events were found that match the specified selection criteria.'
        throw (New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', ([System.Management.Automation.ErrorCategory]::ObjectNotFound), $null)
    }
    $found | Select-Object -First $MaxEvents
}

# Resolve-DnsName -Name -Type -DnsOnly [-Server] -> DnsRecord_SRV (Name, Type, TTL, Section, NameTarget, Priority,
# Weight, Port) / DnsRecord_A (Name, Type, TTL, Section, IPAddress). A name that does not exist is the error
# "DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName".
# learn.microsoft.com/powershell/module/dnsclient/resolve-dnsname
function Resolve-DnsName {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][string]$Type = 'A_AAAA', [switch]$DnsOnly, [string[]]$Server)
    Invoke-XedFakeFault 'Resolve-DnsName'
    $dead = @((Get-XedFakeBehaviour)['deadDnsServers'])
    if ($Server -and $dead -contains $Server[0]) {
        $exception = New-Object System.ComponentModel.Win32Exception -ArgumentList 1460, ($Name + ' : This operation returned because the timeout period expired')
        throw (New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, 'ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName', ([System.Management.Automation.ErrorCategory]::OperationTimeout), $Name)
    }
    # The folders hold either the collector's groups ({Query, Records, Error}) or bare Resolve-DnsName records (Type as
    # a name or as its number: 33 SRV, 1 A).
    $typeNumber = @{ 'SRV' = '33'; 'A' = '1' }[$Type]
    $records = @()
    $failed = $false
    foreach ($file in 'dns-srv.json', 'dns-a.json') {
        foreach ($item in @(Get-XedFakeJson $file)) {
            if ($item.PSObject.Properties['Query']) {
                if ($item.Query -ne $Name) { continue }
                if ($item.Error) { $failed = $true }
                $candidates = @($item.Records)
            } else {
                $candidates = @($item)
            }
            foreach ($record in $candidates) {
                if ([string]$record.Name -eq $Name -and ([string]$record.Type -eq $Type -or [string]$record.Type -eq $typeNumber)) { $records += $record }
            }
        }
    }
    if ($failed -or $records.Count -eq 0) {
        $exception = New-Object System.ComponentModel.Win32Exception -ArgumentList 9003, ($Name + ' : DNS name does not exist')
        throw (New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, 'DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName', ([System.Management.Automation.ErrorCategory]::ResourceUnavailable), $Name)
    }
    foreach ($record in $records) {
        if ($Type -eq 'SRV') {
            [pscustomobject]@{
                PSTypeName = 'Microsoft.DnsClient.Commands.DnsRecord_SRV'
                Name = [string]$record.Name; Type = 'SRV'; TTL = [uint32]$record.TTL; Section = 'Answer'
                NameTarget = [string]$record.NameTarget; Priority = [uint16]$record.Priority
                Weight = [uint16]$record.Weight; Port = [uint16]$record.Port
            }
        } else {
            [pscustomobject]@{
                PSTypeName = 'Microsoft.DnsClient.Commands.DnsRecord_A'
                Name = [string]$record.Name; Type = 'A'; TTL = [uint32]$record.TTL; Section = 'Answer'
                IPAddress = [string]$record.IPAddress
            }
        }
    }
}

# netstat -ano: the console text (learn.microsoft.com/windows-server/administration/windows-commands/netstat).
function netstat.exe {
    Invoke-XedFakeFault 'netstat.exe'
    $text = Get-XedFakeFile 'netstat.txt'
    $global:LASTEXITCODE = 0
    if ($null -ne $text) { $text -split "\r?\n" }
}

# tasklist /svc /fo csv: "Image Name","PID","Services" (learn.microsoft.com/windows-server/administration/windows-commands/tasklist).
function tasklist.exe {
    Invoke-XedFakeFault 'tasklist.exe'
    $text = Get-XedFakeFile 'tasklist.csv'
    $global:LASTEXITCODE = 0
    if ($null -ne $text) { $text -split "\r?\n" | Where-Object { $_ -ne '' } }
}
