/**
 * The one error type evidence parsers throw. parseEvidence() turns it into an `unparseable` entry,
 * so a bad file never stops the analysis of the others.
 */
import { text, type Localized } from '../i18n/localized'
import { LocalizedError } from '../i18n/localized-error'

/** Why a file could not be read. */
export type EvidenceParseErrorKind =
  | 'empty'
  | 'not-text'
  | 'bad-json'
  | 'bad-shape'
  | 'bad-xml'
  | 'unsafe-xml'
  | 'unsupported-format'
  /** A value that reaches checks and commands (a manifest domain) is not what it must be: bad input. */
  | 'unsafe-value'

/** Thrown by decodeText() and every parser when content cannot be understood. */
export class EvidenceParseError extends LocalizedError {
  override readonly name = 'EvidenceParseError'
  readonly kind: EvidenceParseErrorKind

  constructor(kind: EvidenceParseErrorKind, localized: Localized) {
    super(localized)
    this.kind = kind
  }
}

/** True for an {@link EvidenceParseError}, also across module copies. */
export function isEvidenceParseError(error: unknown): error is EvidenceParseError {
  return error instanceof EvidenceParseError
}

/** The file had no content at all (or only white space). */
export function createEmptyFileError(): EvidenceParseError {
  return new EvidenceParseError('empty', text('The file is empty.', '檔案是空的。'))
}

/** The content does not have the shape this file must have; `en`/`zhTW` say what was expected. */
export function createShapeError(en: string, zhTW: string): EvidenceParseError {
  return new EvidenceParseError('bad-shape', text(en, zhTW))
}
