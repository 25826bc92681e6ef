@{
    RootModule = 'Lync.psm1'
    ModuleVersion = '5.0.8308.0'
    GUID = '6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e03'
    Description = 'FAKE of the Lync Server 2013 module for the collector tests (tests only).'
    RequiredModules = @('XedFakeServer')
    FunctionsToExport = @(
        'Get-CsServerVersion', 'Get-CsSite', 'Get-CsTopology', 'Get-CsService', 'Get-CsAccessEdgeConfiguration',
        'Get-CsExternalAccessPolicy', 'Get-CsUser', 'Get-CsXmppAllowedPartner', 'Get-CsXmppGatewayConfiguration',
        'Get-CsCertificate', 'Get-CsManagementStoreReplicationStatus', 'Get-CsSipDomain', 'Get-CsComputer', 'Get-ChildItem'
    )
}
