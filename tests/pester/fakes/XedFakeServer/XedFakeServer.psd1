@{
    RootModule = 'XedFakeServer.psm1'
    ModuleVersion = '1.0.0'
    GUID = '6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e01'
    Description = 'Test data for the fake Lync and Windows cmdlets (tests only).'
    FunctionsToExport = @('Get-XedFakeFile', 'Get-XedFakeJson', 'Get-XedFakeBehaviour', 'Invoke-XedFakeFault', 'ConvertTo-XedFakeTime', 'Get-XedFakeManifest')
}
