import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { findPwsh, requirePwsh } from './find-pwsh'

describe('real PowerShell for the tests', () => {
  it('is found and is PowerShell 7', () => {
    const pwsh = requirePwsh()
    const version = execFileSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.Major'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(Number(version.trim())).toBeGreaterThanOrEqual(7)
  })

  it('is found in ~/.dotnet/tools when PATH lacks it, and missing means an error naming the install command', () => {
    expect(findPwsh({ PATH: '/usr/bin:/bin' })).toMatch(/\.dotnet[/\\]tools[/\\]pwsh(\.exe)?$/)
    expect(() => requirePwsh({ PATH: '/nonexistent' }, [])).toThrow(/dotnet tool install --global PowerShell/)
  })
})
