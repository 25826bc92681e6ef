/**
 * The runner. Every step runs in a second runspace (the "worker") so that a step that hangs (an unreachable
 * domain controller, a stuck WMI provider) can be stopped after -CommandTimeoutSeconds while the others still
 * run; a worker that does not stop is abandoned and a new one is made for the next step. The worker gets the
 * helpers and each step as text (no ScriptBlock::Create, no Invoke-Expression) and the inputs as variables.
 * PowerShell 3.0 API only: RunspaceFactory, PowerShell.BeginInvoke/BeginStop, WaitHandle.WaitOne.
 */
export const COLLECTOR_RUNNER = String.raw`
$XedWorker = $null
$XedHelperText = $XedHelpers.ToString()

function Close-XedWorker {
    param([bool]$Abandon)
    if ($null -eq $script:XedWorker) { return }
    $worker = $script:XedWorker
    $script:XedWorker = $null
    # Closing a runspace whose pipeline is stuck would block this script too; an abandoned one is left to the
    # end of the process.
    if (-not $Abandon) {
        try { $worker.PowerShell.Dispose(); $worker.Runspace.Dispose() } catch { $null = $_ }
    }
}

function Get-XedStepResult {
    # Runs one step's text in the worker. Returns {Ok, Text, Error, Notes, TimedOut}.
    param([string]$Script, [string]$Output, [string]$Shape, [bool]$NeedsLync, [int]$TimeoutSeconds)
    if ($null -eq $script:XedWorker) {
        $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace()
        $runspace.Open()
        $script:XedWorker = [pscustomobject]@{ Runspace = $runspace; PowerShell = $null }
    }
    $runspace = $script:XedWorker.Runspace
    foreach ($name in 'XedDomains', 'XedSipDomains', 'XedRole', 'XedFqdn', 'XedEventDays', 'XedMaxUsers') {
        $runspace.SessionStateProxy.SetVariable($name, (Get-Variable -Name $name -ValueOnly))
    }
    $format = '$xedText = $xedItems | Out-String -Width 4096'
    if ($Output -eq 'json') { $format = '$xedText = ConvertTo-XedJson -Items $xedItems -Shape ''' + $Shape + '''' }
    $import = ''
    if ($NeedsLync) { $import = 'Import-XedLyncModule' }
    $stepText = @(
        '$ErrorActionPreference = ''Stop''; $WarningPreference = ''SilentlyContinue''; $ProgressPreference = ''SilentlyContinue''',
        '$script:XedNotes = New-Object System.Collections.ArrayList; $script:XedTopologyXml = $null',
        $XedHelperText,
        'try {',
        $import,
        '$xedItems = @(& {',
        $Script,
        '})',
        $format,
        '[pscustomobject]@{ Ok = $true; Text = [string]$xedText; Error = $null; Notes = @($script:XedNotes) }',
        '} catch {',
        '[pscustomobject]@{ Ok = $false; Text = $null; Error = ([string]$_.Exception.Message + '' ['' + [string]$_.FullyQualifiedErrorId + '']''); Notes = @($script:XedNotes) }',
        '}'
    ) -join [Environment]::NewLine
    $shell = [System.Management.Automation.PowerShell]::Create()
    $shell.Runspace = $runspace
    $script:XedWorker.PowerShell = $shell
    [void]$shell.AddScript($stepText)
    $failure = $null
    $handle = $shell.BeginInvoke()
    if (-not $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSeconds))) {
        $stop = $shell.BeginStop($null, $null)
        $stopped = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(5))
        Close-XedWorker (-not $stopped)
        $message = 'Stopped after ' + $TimeoutSeconds + ' s (-CommandTimeoutSeconds).'
        return [pscustomobject]@{ Ok = $false; Text = $null; Error = $message; Notes = @(); TimedOut = $true }
    }
    try {
        $results = @($shell.EndInvoke($handle))
    } catch {
        $results = @()
        $failure = $_.Exception.Message
    }
    $shell.Dispose()
    $script:XedWorker.PowerShell = $null
    if ($results.Count -eq 0) {
        if (-not $failure) { $failure = 'The step returned no result.' }
        return [pscustomobject]@{ Ok = $false; Text = $null; Error = $failure; Notes = @(); TimedOut = $false }
    }
    $result = $results[$results.Count - 1]
    return [pscustomobject]@{ Ok = [bool]$result.Ok; Text = $result.Text; Error = $result.Error; Notes = @($result.Notes | ForEach-Object { [string]$_ }); TimedOut = $false }
}

$XedHost = [Environment]::MachineName
$XedFqdn = $null
$XedRole = 'Unknown'
$XedSipDomains = @()
$detection = Get-XedStepResult -Script $XedRoleDetection.ToString() -Output 'json' -Shape 'object' -NeedsLync $false -TimeoutSeconds $CommandTimeoutSeconds
if ($detection.Ok) {
    $hostInfo = ConvertFrom-Json -InputObject $detection.Text
    if ($hostInfo.Host) { $XedHost = [string]$hostInfo.Host }
    if ($hostInfo.Fqdn) { $XedFqdn = [string]$hostInfo.Fqdn }
    if ($hostInfo.Role -eq 'Edge' -or $hostInfo.Role -eq 'FrontEnd') { $XedRole = [string]$hostInfo.Role }
} else {
    Write-Host (Get-XedMessage ('Role detection failed: ' + $detection.Error) ('偵測伺服器角色失敗：' + $detection.Error))
}
if ($Role) { $XedRole = $Role }

$XedModuleError = $null
$XedPool = $null
$XedNotesAll = @()
$moduleCheck = Get-XedStepResult -Script 'Import-XedLyncModule' -Output 'text' -Shape '' -NeedsLync $false -TimeoutSeconds $CommandTimeoutSeconds
if (-not $moduleCheck.Ok) {
    $XedModuleError = $moduleCheck.Error
} else {
    $facts = Get-XedStepResult -Script $XedServerFacts.ToString() -Output 'json' -Shape 'object' -NeedsLync $true -TimeoutSeconds $CommandTimeoutSeconds
    if ($facts.Ok) {
        $factValues = ConvertFrom-Json -InputObject $facts.Text
        # Read from the server, so checked like -Domain before any step gets them (the DNS steps look them up).
        foreach ($sipDomain in @($factValues.SipDomains | Where-Object { $_ } | ForEach-Object { [string]$_ })) {
            if ($sipDomain -notmatch $XedDomainPattern) {
                $XedNotesAll += ('SIP domain "' + $sipDomain + '" is not a DNS domain name; it was left out.')
                continue
            }
            $normalizedSip = $sipDomain.TrimEnd('.').ToLowerInvariant()
            if ($XedSipDomains -notcontains $normalizedSip) { $XedSipDomains += $normalizedSip }
        }
        if ($factValues.Pool) { $XedPool = [string]$factValues.Pool }
        $XedNotesAll += @($factValues.Notes | ForEach-Object { [string]$_ })
    } else {
        $XedNotesAll += ('The SIP domains and the pool of this computer could not be read: ' + $facts.Error)
    }
}

$collectedAt = (Get-Date).ToUniversalTime()
$safeHost = $XedHost -replace '[^A-Za-z0-9.-]', '_'
$stamp = $collectedAt.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture)
$evidenceFolder = Join-Path $outputRoot ('xmpp-evidence-' + $safeHost + '-' + $stamp)
if (Test-Path -LiteralPath $evidenceFolder) {
    throw (Get-XedMessage ('The folder already exists: ' + $evidenceFolder) ('資料夾已存在：' + $evidenceFolder))
}
[void][IO.Directory]::CreateDirectory($evidenceFolder)
Write-Host (Get-XedMessage ('Server: ' + $XedHost + ' (' + $XedRole + '). Writing to ' + $evidenceFolder) ('伺服器：' + $XedHost + '（' + $XedRole + '）。輸出至 ' + $evidenceFolder))

$entries = @()
foreach ($command in $XedCommands) {
    $label = $command.File + ' - ' + (Get-XedMessage $command.DescriptionEn $command.DescriptionZh)
    if ($XedRole -ne 'Unknown' -and $command.Roles -notcontains $XedRole) {
        $entries += [pscustomobject]@{ name = $command.File; command = $command.Command; exitStatus = 'skipped'; error = ('Runs only on: ' + ($command.Roles -join ', ') + '; this server: ' + $XedRole + '.'); durationMs = $null; notes = @() }
        Write-Host ('[skip] ' + $label)
        continue
    }
    if ($command.NeedsLync -and $XedModuleError) {
        $entries += [pscustomobject]@{ name = $command.File; command = $command.Command; exitStatus = 'failed'; error = $XedModuleError; durationMs = $null; notes = @() }
        Write-Host ('[fail] ' + $label + ': ' + $XedModuleError) -ForegroundColor Yellow
        continue
    }
    $stopwatch = [Diagnostics.Stopwatch]::StartNew()
    $result = Get-XedStepResult -Script $command.Script.ToString() -Output $command.Output -Shape $command.JsonShape -NeedsLync $command.NeedsLync -TimeoutSeconds $CommandTimeoutSeconds
    $stopwatch.Stop()
    if ($result.Ok) {
        try {
            # WriteAllText without an encoding writes UTF-8 without a byte order mark, the same bytes the live collector produces.
            [IO.File]::WriteAllText((Join-Path $evidenceFolder $command.File), [string]$result.Text)
            $entries += [pscustomobject]@{ name = $command.File; command = $command.Command; exitStatus = 'ok'; error = $null; durationMs = [long]$stopwatch.ElapsedMilliseconds; notes = @($result.Notes) }
            Write-Host ('[ok]   ' + $label + ' (' + $stopwatch.ElapsedMilliseconds + ' ms)')
            continue
        } catch {
            $result = [pscustomobject]@{ Ok = $false; Error = ([string]$_.Exception.Message); Notes = @($result.Notes) }
        }
    }
    $entries += [pscustomobject]@{ name = $command.File; command = $command.Command; exitStatus = 'failed'; error = [string]$result.Error; durationMs = [long]$stopwatch.ElapsedMilliseconds; notes = @($result.Notes) }
    Write-Host ('[fail] ' + $label + ': ' + $result.Error) -ForegroundColor Yellow
}
Close-XedWorker $false

$manifest = [ordered]@{
    format = 'xmpp-edge-doctor/evidence'
    version = 1
    host = $XedHost
    fqdn = $XedFqdn
    pool = $XedPool
    role = $XedRole
    collectedAt = $collectedAt.ToString('o')
    eventDays = $XedEventDays
    sipDomains = @($XedSipDomains)
    xmppDomains = $XedDomains
    collector = $XedCollector
    notes = @($XedNotesAll)
    files = $entries
}
[IO.File]::WriteAllText((Join-Path $evidenceFolder 'manifest.json'), (ConvertTo-Json -InputObject $manifest -Depth 4))

$zipPath = $evidenceFolder + '.zip'
# Compress-Archive came with PowerShell 5.0; on 3.0 and 4.0 the folder is the result.
if (Get-Command -Name Compress-Archive -ErrorAction SilentlyContinue) {
    try {
        # The files go to the root of the zip, the same layout as the folder.
        $evidenceFiles = @(Get-ChildItem -LiteralPath $evidenceFolder | ForEach-Object { $_.FullName })
        Compress-Archive -LiteralPath $evidenceFiles -DestinationPath $zipPath
        Write-Host (Get-XedMessage ('Done. Open this zip in XMPP Edge Doctor: ' + $zipPath) ('完成。請在 XMPP Edge Doctor 中開啟此 zip 檔：' + $zipPath))
    } catch {
        Write-Host (Get-XedMessage ('Could not create the zip (' + $_.Exception.Message + '). Open the folder instead: ' + $evidenceFolder) ('無法建立 zip 檔（' + $_.Exception.Message + '）。請改為開啟資料夾：' + $evidenceFolder))
    }
} else {
    Write-Host (Get-XedMessage ('Done (Compress-Archive needs PowerShell 5). Open this folder in XMPP Edge Doctor: ' + $evidenceFolder) ('完成（Compress-Archive 需要 PowerShell 5）。請在 XMPP Edge Doctor 中開啟此資料夾：' + $evidenceFolder))
}
`
