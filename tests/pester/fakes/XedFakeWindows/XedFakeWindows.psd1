@{
    RootModule = 'XedFakeWindows.psm1'
    ModuleVersion = '1.0.0'
    GUID = '6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e02'
    Description = 'Fake Windows cmdlets and programs for the collector tests on Linux (tests only).'
    RequiredModules = @('XedFakeServer')
    FunctionsToExport = @('Get-Service', 'Get-CimInstance', 'Get-WmiObject', 'Get-WinEvent', 'Resolve-DnsName', 'netstat.exe', 'tasklist.exe')
}
