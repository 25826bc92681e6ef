/** The certificate preflight card's state: the picked file (by token), the last answer, the error. */
import type { CertificateCheckView } from '../../src-shared/certificates/cert-check-report'
import { api } from '../lib/api'
import { toShownError, type ShownError } from '../lib/errors'

class CertificateCheckState {
  busy = $state(false)
  view = $state<CertificateCheckView | null>(null)
  error = $state<ShownError | null>(null)

  /** Checks a new file (dialog) or, with `again`, the same file with the password now typed. */
  async check(domains: string[], password: string, again: boolean): Promise<void> {
    this.busy = true
    this.error = null
    try {
      const fileToken = again ? this.view?.fileToken : undefined
      const answer = await api.checkCertificate({
        domains,
        ...(fileToken ? { fileToken } : {}),
        // An empty field means "no password" (a PFX exported without one, or a PEM/CER).
        ...(password !== '' ? { password } : {}),
      })
      if (answer) this.view = answer
    } catch (error) {
      this.error = toShownError(error)
    } finally {
      this.busy = false
    }
  }
}

/** The one preflight card state. */
export const certificateCheck = new CertificateCheckState()
