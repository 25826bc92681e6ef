/**
 * Typed errors of the history store. Each carries a Localized message the app and CLI show as is;
 * `message` (English) is for logs and stack traces.
 */
import { text, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'

/** Base class: a store failure with a message meant for the user. */
export class HistoryStoreError extends LocalizedError {
  constructor(localized: Localized, options?: { cause?: unknown }) {
    super(localized, options)
    this.name = new.target.name
  }
}

/** The database was written by a newer version of the app; we refuse to touch it. */
export class DatabaseFromFutureError extends HistoryStoreError {
  constructor(
    readonly path: string,
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      text(
        `The history database ${path} has schema version ${databaseVersion}, which is newer than this version of xmpp-edge-doctor supports (${supportedVersion}). Update the app, or point --db at another file. The file was not changed.`,
        `歷程資料庫 ${path} 的結構描述版本為 ${databaseVersion}，比此版 xmpp-edge-doctor 支援的版本（${supportedVersion}）新。請更新應用程式，或以 --db 指定其他檔案。檔案未被更動。`,
      ),
    )
  }
}

/** The migration list itself is wrong (a programming error caught before touching the file). */
export class MigrationOrderError extends HistoryStoreError {
  constructor(detail: string) {
    super(text(`Migration versions are not in ascending order: ${detail}`, `移轉版本未依遞增順序排列：${detail}`))
  }
}

/** The database could not be opened or created at all (permissions, missing folder, disk full). */
export class DatabaseOpenError extends HistoryStoreError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      text(
        `Cannot open the history database ${path}: ${reason}`,
        `無法開啟歷程資料庫 ${path}：${reason}`,
      ),
      options,
    )
  }
}

/** A file named by the user (`--db`) is not a usable history; it was refused and left exactly as it was. */
export class NotAHistoryDatabaseError extends HistoryStoreError {
  constructor(
    readonly path: string,
    readonly reason: 'not-a-database' | 'corrupt' | 'foreign',
    readonly detail: string,
  ) {
    const what = {
      'not-a-database': text('is not a SQLite database', '不是 SQLite 資料庫'),
      corrupt: text('is a damaged history', '是已損毀的歷程'),
      foreign: text('is a database of another program', '是其他程式的資料庫'),
    }[reason]
    super(
      text(
        `${path} ${what.en} (${detail}), so it is not an xmpp-edge-doctor history. It was not changed. Point --db at an existing history or at a new file name.`,
        `${path} ${what['zh-TW']}（${detail}），因此不是 xmpp-edge-doctor 的歷程。檔案未被更動。請以 --db 指定既有的歷程，或一個新的檔名。`,
      ),
    )
  }
}

/** No session with that id or uid. */
export class SessionNotFoundError extends HistoryStoreError {
  constructor(readonly reference: string) {
    super(text(`No session ${reference} in the history.`, `歷程中沒有工作階段 ${reference}。`))
  }
}

/** A session was used after finishSession, or a step was recorded out of order. */
export class SessionStateError extends HistoryStoreError {
  constructor(en: string, zhTW: string) {
    super(text(en, zhTW))
  }
}

/** An exported session file that cannot be imported (wrong format, tampered content, duplicate). */
export class SessionFileError extends HistoryStoreError {
  constructor(en: string, zhTW: string, options?: { cause?: unknown }) {
    super(text(en, zhTW), options)
  }
}
