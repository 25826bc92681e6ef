/**
 * Finds the real PowerShell 7 executable for the tests that need it (`*.pwsh.test.ts`, Pester). PATH first, then
 * the dotnet global tools folder that `dotnet tool install --global PowerShell` fills (~/.dotnet/tools), because a
 * CI step or an IDE may not have that folder on PATH. Never skips: a missing pwsh is an error that says how to install it.
 */
import { accessSync, constants } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'

const EXE = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh'

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function defaultHomes(env: NodeJS.ProcessEnv): string[] {
  return [env.HOME ?? '', env.USERPROFILE ?? '', homedir(), '/root']
}

/** Candidate paths in the order they are tried. */
export function listPwshCandidates(env: NodeJS.ProcessEnv = process.env, homes = defaultHomes(env)): string[] {
  const fromPath = (env.PATH ?? '').split(delimiter).filter((dir) => dir.length > 0).map((dir) => join(dir, EXE))
  const fromTools = homes.filter((home) => home.length > 0).map((home) => join(home, '.dotnet', 'tools', EXE))
  return [...new Set([...fromPath, ...fromTools])]
}

/** The pwsh to run, or null when none is installed. */
export function findPwsh(env: NodeJS.ProcessEnv = process.env, homes = defaultHomes(env)): string | null {
  return listPwshCandidates(env, homes).find(isExecutable) ?? null
}

/** The pwsh to run; throws with the install command when there is none (tests must fail, not skip). */
export function requirePwsh(env: NodeJS.ProcessEnv = process.env, homes = defaultHomes(env)): string {
  const found = findPwsh(env, homes)
  if (found) return found
  throw new Error(
    'PowerShell 7 (pwsh) was not found on PATH nor in ~/.dotnet/tools. Install it with ' +
      '"dotnet tool install --global PowerShell --version 7.6.9" (see README, Tests).',
  )
}
