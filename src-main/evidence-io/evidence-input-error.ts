/**
 * Why an evidence folder or zip could not be read at all. Per-file content problems are not errors here:
 * parseEvidence() reports those file by file.
 */
import { text, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'

export type EvidenceInputErrorCode =
  | 'not-found'
  | 'not-evidence'
  | 'too-large'
  | 'too-many-entries'
  | 'zip-unsafe'
  | 'zip-corrupt'
  | 'zip-unsupported'
  | 'read-failed'

/** Thrown by readEvidence(); `localized` is the message to show, `message` its English text. */
export class EvidenceInputError extends LocalizedError {
  override readonly name = 'EvidenceInputError'
  readonly code: EvidenceInputErrorCode

  constructor(code: EvidenceInputErrorCode, localized: Localized, options?: { cause?: unknown }) {
    super(localized, options)
    this.code = code
  }
}

/** True for an {@link EvidenceInputError}. */
export function isEvidenceInputError(error: unknown): error is EvidenceInputError {
  return error instanceof EvidenceInputError
}

/** Builds an {@link EvidenceInputError} from its two texts. */
export function createInputError(code: EvidenceInputErrorCode, en: string, zhTW: string, cause?: unknown): EvidenceInputError {
  return new EvidenceInputError(code, text(en, zhTW), cause === undefined ? undefined : { cause })
}

/** Formats a byte count for messages ("32 MiB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`
  return `${bytes} bytes`
}
