/**
 * Which desktop build is running: the current one (Windows Server 2016 and later), the legacy one on
 * Electron 22.3 (Windows Server 2008 R2 SP1, 2012, 2012 R2: Chromium 110 and so Electron 23+ dropped them), a
 * development run, or the command line on a plain Node.js. Shown on the home screen and written into every
 * report and history entry (docs/desktop-builds.md).
 */
import { text, type Localized } from '../i18n/localized'

export type BuildFlavour = 'current' | 'legacy' | 'dev' | 'node'

/** What the home screen shows about the running build. */
export interface BuildInfo {
  readonly flavour: BuildFlavour
  /** process.versions.electron; null on a plain Node.js. */
  readonly electron: string | null
}

/** The newest Electron major of the legacy line: 23 and later do not start on Windows 7/8/8.1 or Server 2008 R2–2012 R2. */
export const LAST_LEGACY_ELECTRON_MAJOR = 22

/** Tells the build from the Electron version the process runs in and whether it is a packaged app. */
export function detectBuildFlavour(electronVersion: string | undefined | null, packaged: boolean): BuildFlavour {
  if (!electronVersion) return 'node'
  if (!packaged) return 'dev'
  const major = Number.parseInt(electronVersion, 10)
  return Number.isFinite(major) && major <= LAST_LEGACY_ELECTRON_MAJOR ? 'legacy' : 'current'
}

/** The version as reports and the history record it: "0.1.0 (legacy build, Electron 22.3.27)"; a plain Node.js run keeps "0.1.0". */
export function describeAppVersion(version: string, build: BuildInfo): string {
  if (build.flavour === 'node' || !build.electron) return version
  return `${version} (${build.flavour} build, Electron ${build.electron})`
}

/** One line naming the build, for the home screen. */
export const BUILD_LABELS: Readonly<Record<BuildFlavour, Localized>> = {
  current: text('Current build, for Windows Server 2016 and later', '目前版本，適用 Windows Server 2016 及更新版本'),
  legacy: text(
    'Legacy build (Electron 22), for Windows Server 2008 R2 SP1, 2012 and 2012 R2',
    '舊版相容建置（Electron 22），適用 Windows Server 2008 R2 SP1、2012 與 2012 R2',
  ),
  dev: text('Development run', '開發模式執行'),
  node: text('Command line on Node.js', 'Node.js 命令列'),
}

/** Why the legacy build exists and what it costs; null for the other builds. */
export function buildNotice(flavour: BuildFlavour): Localized | null {
  if (flavour !== 'legacy') return null
  return text(
    'This build is only for servers that cannot run anything newer. Electron 22 has had no Chromium security fixes since October 2023; this app loads nothing from the network into its window. On Windows Server 2016 or later, use the current build.',
    '此建置僅供無法執行更新版本的伺服器使用。Electron 22 自 2023 年 10 月起不再取得 Chromium 安全性修正；本程式的視窗不會從網路載入任何內容。Windows Server 2016 或更新版本請使用目前版本。',
  )
}
