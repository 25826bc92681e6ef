/**
 * The app's certificate preflight ("Check a certificate before assigning it"). The user picks the file in the
 * main process's open dialog; the renderer gets back an opaque token for it (to retry with another password)
 * and never names a path itself. The password, when typed, is used only to open the PFX: it is not logged,
 * not recorded in the history and not part of any answer.
 */
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'
import type { CertificateCheckView } from '../../src-shared/certificates/cert-check-report'
import type { RequestOf } from '../../src-shared/ipc/api-contract'
import { CertInputError } from '../certificates/certificate-input'
import { readMachineStoreTrust } from '../certificates/machine-store-trust'
import { runCertCheck } from '../certificates/run-cert-check'
import type { PowerShellSession } from '../powershell/powershell-session'

/** What the service needs: the open dialog (absent where there is none, e.g. a headless host). */
export interface CertificateServiceDeps {
  readonly pickCertificatePath?: () => Promise<string | null>
  readonly now?: () => Date
  /** On Windows: a PowerShell session to read the machine store's Root and CA (as the CLI does). */
  readonly machineStore?: { readonly platform: NodeJS.Platform; readonly createSession: () => PowerShellSession }
}

/** A refusal of the certificate service; the bridge shows `localized` (app-errors.ts reads it). */
export class CertificateServiceError extends LocalizedError {
  override readonly name = 'CertificateServiceError'
}

/** Files picked in this app session, by token; a few are enough (one card, retries on the same file). */
const MAX_REMEMBERED_FILES = 16

/** Builds the checkCertificate service method. */
export function createCertificateServices(deps: CertificateServiceDeps): {
  checkCertificate(request: RequestOf<'checkCertificate'>): Promise<CertificateCheckView | null>
} {
  const picked = new Map<string, string>()
  return {
    async checkCertificate(request) {
      let fileToken = request.fileToken
      let path = fileToken === undefined ? undefined : picked.get(fileToken)
      if (fileToken !== undefined && path === undefined) {
        throw new CertificateServiceError(text('That certificate file is no longer open: choose it again.', '該憑證檔案已不在開啟清單中：請重新選擇。'))
      }
      if (path === undefined) {
        if (!deps.pickCertificatePath) throw new CertificateServiceError(text('No file dialog is available here.', '此處無法開啟檔案對話方塊。'))
        const chosen = await deps.pickCertificatePath()
        if (chosen === null) return null
        path = chosen
        fileToken = randomBytes(32).toString('base64url')
        picked.set(fileToken, path)
        if (picked.size > MAX_REMEMBERED_FILES) picked.delete(picked.keys().next().value as string)
      }
      const view = { fileToken: fileToken as string, fileName: basename(path) }
      try {
        const report = await runCertCheck({
          path,
          domains: request.domains,
          ...(request.password !== undefined ? { password: request.password } : {}),
          ...(deps.now ? { now: deps.now() } : {}),
          ...(deps.machineStore?.platform === 'win32' ? { readMachineStore: () => readStore(deps.machineStore!.createSession) } : {}),
        })
        return { ...view, report, inputError: null }
      } catch (error) {
        if (error instanceof CertInputError) return { ...view, report: null, inputError: { code: error.code, message: appMessage(error, view.fileName) } }
        throw error
      }
    },
  }
}

/** The CLI's wrong-password advice names --password-env; in the app the user types the password instead. */
function appMessage(error: CertInputError, fileName: string): Localized {
  if (error.code !== 'wrong-password') return error.localized
  return text(
    `${fileName}: wrong or missing password: type the PFX password and check again.`,
    `${fileName}：密碼錯誤或未提供：請輸入 PFX 密碼後再次檢查。`,
  )
}

async function readStore(createSession: () => PowerShellSession): ReturnType<typeof readMachineStoreTrust> {
  const session = createSession()
  try {
    return await readMachineStoreTrust(session)
  } finally {
    await session.dispose()
  }
}
