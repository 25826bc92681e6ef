/**
 * `--client-cert <pfx|pem> [--client-cert-password-env VAR]` or `--client-cert-thumbprint <sha1>` (Windows
 * machine store): the certificate the probe presents as a client, for SASL EXTERNAL. The password is read
 * from the named environment variable, never from the command line (which other users and the shell
 * history can see).
 */
import { pick, text, type Locale } from '../../src-shared/i18n/localized'
import type { ClientCertificateSource } from '../probe/client-certificate'
import { exportMachineStoreCertificate } from '../probe/machine-store-certificate'
import type { PowerShellSession } from '../powershell/powershell-session'
import { UsageError } from './cli-io'

/** The options, for parseArgs. */
export const CLIENT_CERT_OPTIONS = {
  'client-cert': { type: 'string' },
  'client-cert-password-env': { type: 'string' },
  'client-cert-thumbprint': { type: 'string' },
} as const

/** What reading from the Windows machine store needs (tests pass a shadowed PowerShell and 'win32'). */
export interface MachineStoreAccess {
  readonly platform: NodeJS.Platform
  readonly createSession: () => PowerShellSession | Promise<PowerShellSession>
}

/** This machine: PowerShell (node-powershell loads only for --client-cert-thumbprint). */
export const DEFAULT_MACHINE_STORE: MachineStoreAccess = {
  platform: process.platform,
  createSession: async () => (await import('../powershell/node-powershell-session')).createNodePowerShellSession(),
}

interface ClientCertValues {
  readonly 'client-cert'?: string
  readonly 'client-cert-password-env'?: string
  readonly 'client-cert-thumbprint'?: string
}

/** The certificate to present, or undefined when none was asked for; bad combinations are usage errors. */
export async function clientCertificateFrom(
  values: ClientCertValues,
  env: NodeJS.ProcessEnv,
  locale: Locale,
  store: MachineStoreAccess | null,
): Promise<ClientCertificateSource | undefined> {
  const file = values['client-cert']
  const thumbprint = values['client-cert-thumbprint']
  const passwordEnv = values['client-cert-password-env']
  if (file !== undefined && thumbprint !== undefined) {
    throw new UsageError(pick(text('--client-cert and --client-cert-thumbprint: give one of them', '--client-cert 與 --client-cert-thumbprint：只能指定其中一個'), locale))
  }
  if (thumbprint !== undefined) {
    if (passwordEnv !== undefined) {
      throw new UsageError(pick(text('--client-cert-password-env: only with --client-cert (a store certificate needs no password)', '--client-cert-password-env：只能與 --client-cert 一起使用（存放區中的憑證不需要密碼）'), locale))
    }
    if (!store || store.platform !== 'win32') {
      throw new UsageError(
        pick(
          text(
            '--client-cert-thumbprint reads the Windows machine store (Cert:\\LocalMachine\\My) and works on Windows only; elsewhere export a PFX and give --client-cert.',
            '--client-cert-thumbprint 讀取 Windows 電腦存放區（Cert:\\LocalMachine\\My），只能在 Windows 上使用；在其他系統上請匯出 PFX 並使用 --client-cert。',
          ),
          locale,
        ),
      )
    }
    const session = await store.createSession()
    try {
      return await exportMachineStoreCertificate(session, thumbprint)
    } finally {
      await session.dispose()
    }
  }
  if (file === undefined) {
    if (passwordEnv !== undefined) throw new UsageError(pick(text('--client-cert-password-env: only with --client-cert', '--client-cert-password-env：只能與 --client-cert 一起使用'), locale))
    return undefined
  }
  if (passwordEnv === undefined) return { kind: 'file', path: file }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(passwordEnv)) {
    throw new UsageError(
      pick(text(`--client-cert-password-env ${JSON.stringify(passwordEnv)}: the name of an environment variable, e.g. EDGE_PFX_PASSWORD`, `--client-cert-password-env ${JSON.stringify(passwordEnv)}：請提供環境變數的名稱，例如 EDGE_PFX_PASSWORD`), locale),
    )
  }
  const passphrase = env[passwordEnv]
  if (passphrase === undefined) {
    throw new UsageError(pick(text(`--client-cert-password-env ${passwordEnv}: that environment variable is not set`, `--client-cert-password-env ${passwordEnv}：未設定此環境變數`), locale))
  }
  return { kind: 'file', path: file, passphrase }
}
