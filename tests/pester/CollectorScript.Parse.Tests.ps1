# The committed collector must parse without errors in PowerShell's own parser.
BeforeAll {
    $script:CollectorPath = Join-Path $PSScriptRoot '../../assets/Collect-XmppEvidence.ps1'
}

Describe 'Collect-XmppEvidence.ps1' {
    It 'parses without syntax errors' {
        $tokens = $null
        $errors = $null
        [void][System.Management.Automation.Language.Parser]::ParseFile($script:CollectorPath, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
    }
}
