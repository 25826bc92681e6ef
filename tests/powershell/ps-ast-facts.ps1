# Reads PowerShell files with PowerShell's own parser and prints, as JSON, the facts the compatibility test judges:
# parse errors, syntax constructs newer than Windows PowerShell 3.0, and every command with the parameter names used.
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Path)
$ErrorActionPreference = 'Stop'
$Ast = [System.Management.Automation.Language.Ast]

function Get-Line { param($Node) return $Node.Extent.StartLineNumber }

function Test-GuardedByGetCommand {
    # True when an enclosing if-clause condition asks Get-Command for this very command, or when the enclosing
    # function first leaves (throw/return) if Get-Command does not find it.
    param($Node, [string]$Name)
    $pattern = 'Get-Command\s+(-Name\s+)?' + [regex]::Escape($Name) + '\b'
    $parent = $Node.Parent
    while ($null -ne $parent) {
        if ($parent -is [System.Management.Automation.Language.FunctionDefinitionAst]) {
            $early = $parent.Body.FindAll({ param($n) $n -is [System.Management.Automation.Language.IfStatementAst] -and $n.Extent.EndOffset -lt $Node.Extent.StartOffset }, $true)
            foreach ($if in $early) {
                if ($if.Clauses[0].Item1.Extent.Text -match ('-not\s+\(' + $pattern) -and $if.Clauses[0].Item2.Extent.Text -match '\b(throw|return)\b') { return $true }
            }
        }
        if ($parent -is [System.Management.Automation.Language.IfStatementAst]) {
            foreach ($clause in $parent.Clauses) {
                if ($clause.Item1.Extent.Text -match $pattern) { return $true }
            }
        }
        $parent = $parent.Parent
    }
    return $false
}

# Commands that exist only in later versions (set by the test from its table).
$guardable = @(([string]$env:XED_GUARDABLE_COMMANDS) -split ',' | Where-Object { $_ })

$results = foreach ($file in $Path) {
    $tokens = $null
    $errors = $null
    $tree = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
    $constructs = New-Object System.Collections.ArrayList
    $add = { param($Kind, $Node) [void]$constructs.Add([pscustomobject]@{ kind = $Kind; line = (Get-Line $Node); text = $Node.Extent.Text.Split("`n")[0] }) }
    foreach ($node in $tree.FindAll({ $true }, $true)) {
        switch ($node.GetType().Name) {
            'TypeDefinitionAst' { if ($node.IsEnum) { & $add 'enum' $node } else { & $add 'class' $node } }
            'UsingStatementAst' { & $add 'using' $node }
            'TernaryExpressionAst' { & $add 'ternary' $node }
            'PipelineChainAst' { & $add '&&/||' $node }
            'BinaryExpressionAst' { if ([string]$node.Operator -eq 'QuestionQuestion') { & $add '??' $node } }
            'AssignmentStatementAst' { if ([string]$node.Operator -eq 'QuestionQuestionEquals') { & $add '??=' $node } }
            'MemberExpressionAst' { if ($node.NullConditional) { & $add '?.' $node } }
            'IndexExpressionAst' { if ($node.NullConditional) { & $add '?[]' $node } }
            'InvokeMemberExpressionAst' {
                if ($node.NullConditional) { & $add '?.' $node }
                $member = [string]$node.Member.Extent.Text
                if ($node.Static -and $member -eq 'new') { & $add '::new()' $node }
                if (-not $node.Static -and ($member -eq 'Where' -or $member -eq 'ForEach')) { & $add ('.' + $member + '()') $node }
            }
            'ExpandableStringExpressionAst' { if ($node.Extent.Text -match '`u\{') { & $add '`u{}' $node } }
            'StringConstantExpressionAst' { if ($node.StringConstantType -eq 'DoubleQuoted' -and $node.Extent.Text -match '`u\{') { & $add '`u{}' $node } }
            'DynamicKeywordStatementAst' { & $add 'dynamic keyword' $node }
        }
    }
    $commands = foreach ($command in $tree.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $name = $command.GetCommandName()
        if (-not $name) { continue }
        [pscustomobject]@{
            name = $name
            line = (Get-Line $command)
            parameters = @($command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object { $_.ParameterName })
            # Only the commands that need a guard are looked at (walking up from every command is slow).
            guarded = ($guardable -contains $name -and (Test-GuardedByGetCommand $command $name))
        }
    }
    $functions = @($tree.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name })
    [pscustomobject]@{
        path = $file
        errors = @($errors | ForEach-Object { [string]$_.Message + ' (line ' + $_.Extent.StartLineNumber + ')' })
        constructs = @($constructs)
        commands = @($commands)
        functions = $functions
    }
}
ConvertTo-Json -InputObject @($results) -Depth 6 -Compress
