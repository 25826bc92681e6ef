/**
 * `xmpp-edge-doctor cert-check <file.pem|.cer|.crt|.pfx> --domain D [--domain …] [--evidence <folder|zip>]
 *  [--ca-file F]... [--password-env VAR] [--json] [--lang en|zh-TW]`
 * Checks a certificate before it is assigned to the Access Edge external interface.
 * Exit 0 ready, 1 problems, 2 bad input (unreadable file, wrong password, bad options).
 */
import { pick, text, type Locale } from '../../../src-shared/i18n/localized'
import { escapeControlCharacters } from '../../../src-shared/text/escape-control'
import { CertInputError } from '../../certificates/certificate-input'
import { readMachineStoreTrust, type MachineStoreTrust } from '../../certificates/machine-store-trust'
import type { PowerShellSession } from '../../powershell/powershell-session'
import { renderCertCheckHuman } from '../../certificates/render-cert-check'
import { runCertCheck } from '../../certificates/run-cert-check'
import { isEvidenceInputError } from '../../evidence-io/evidence-input-error'
import { EXIT_BAD_INPUT, EXIT_HEALTHY, EXIT_PROBLEMS, UsageError, type CliIo } from '../cli-io'
import { parseDomains, parseLocale } from '../common-options'
import { parseArgs } from '../parse-args'

export const CERT_CHECK_USAGE =
  'usage: xmpp-edge-doctor cert-check <file.pfx|.pem|.cer|.crt> --domain <xmpp domain> [--domain …] [--evidence <folder|zip>] ' +
  '[--ca-file <pem>]... [--password-env VAR] [--json] [--lang en|zh-TW]'

const OPTIONS = {
  domain: { type: 'string', multiple: true },
  evidence: { type: 'string' },
  'ca-file': { type: 'string', multiple: true },
  'password-env': { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
} as const

/** Where the Windows machine store comes from (tests pass 'win32' and a pwsh with a shadowed Get-ChildItem). */
export interface CertStoreAccess {
  readonly platform: NodeJS.Platform
  readonly createSession: () => PowerShellSession | Promise<PowerShellSession>
}

const MACHINE_STORE: CertStoreAccess = {
  platform: process.platform,
  // node-powershell loads only on Windows, where the store exists.
  createSession: async () => (await import('../../powershell/node-powershell-session')).createNodePowerShellSession(),
}

/** Runs `cert-check`; returns the exit code. */
export async function runCertCheckCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  store: CertStoreAccess = MACHINE_STORE,
): Promise<number> {
  // A password on the command line is visible to other users and kept in the shell history: refuse it by name.
  if (args.some((a) => a === '--password' || a.startsWith('--password=') || a === '--passphrase')) {
    // Refused before parsing (the password must not reach the parser): the language is whatever --lang says, if valid.
    const asked = args[args.indexOf('--lang') + 1]
    const locale = args.includes('--lang') && (asked === 'en' || asked === 'zh-TW') ? asked : parseLocale(undefined, env)
    const why = text(
      'the PFX password is never taken from the command line: put it in an environment variable and name it with --password-env VAR',
      'PFX 密碼一律不從命令列取得：請將它放在環境變數中，並以 --password-env VAR 指定變數名稱',
    )
    throw new UsageError(pick(why, locale))
  }
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  if (positionals.length !== 1) throw new UsageError(CERT_CHECK_USAGE)
  const domains = parseDomains(values.domain, locale, '--domain')
  if (domains.length === 0 && values.evidence === undefined) throw new UsageError(CERT_CHECK_USAGE)
  const password = passwordFrom(values['password-env'], env, locale)
  try {
    const report = await runCertCheck({
      path: positionals[0]!,
      domains,
      ...(password !== undefined ? { password } : {}),
      caFiles: values['ca-file'] ?? [],
      ...(values.evidence !== undefined ? { evidencePath: values.evidence } : {}),
      ...(store.platform === 'win32' ? { readMachineStore: () => readStoreOnce(store) } : {}),
    })
    io.stdout(values.json ? `${escapeControlCharacters(JSON.stringify(report, null, 2), { keepNewlines: true })}\n` : renderCertCheckHuman(report, locale))
    return report.ready ? EXIT_HEALTHY : EXIT_PROBLEMS
  } catch (error) {
    if (error instanceof CertInputError || isEvidenceInputError(error)) {
      io.stderr(`xmpp-edge-doctor cert-check: ${escapeControlCharacters(pick(error.localized, locale))}\n`)
      return EXIT_BAD_INPUT
    }
    throw error
  }
}

async function readStoreOnce(store: CertStoreAccess): Promise<MachineStoreTrust> {
  const session = await store.createSession()
  try {
    return await readMachineStoreTrust(session)
  } finally {
    await session.dispose()
  }
}

function passwordFrom(name: string | undefined, env: NodeJS.ProcessEnv, locale: Locale): string | undefined {
  if (name === undefined) return undefined
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new UsageError(pick(text(`--password-env ${JSON.stringify(name)}: the name of an environment variable, e.g. EDGE_PFX_PASSWORD`, `--password-env ${JSON.stringify(name)}：請提供環境變數的名稱，例如 EDGE_PFX_PASSWORD`), locale))
  }
  const value = env[name]
  if (value === undefined) throw new UsageError(pick(text(`--password-env ${name}: that environment variable is not set`, `--password-env ${name}：未設定此環境變數`), locale))
  return value
}
