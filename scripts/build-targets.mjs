// The runtimes every build must run in, so that one set of bundles (out/) serves both desktop packages:
// the legacy one on Electron 22.3 (Chromium 108, Node 16.17; Windows Server 2008 R2 SP1 to 2012 R2) and the
// current one (Electron 45). Only the Electron binary and the native better-sqlite3 differ between them
// (docs/desktop-builds.md). Lint (eslint.config.mjs) and tests/build check the same numbers.

/** esbuild/Vite target for main, preload and the packaged CLI: Electron 22.3's Node. */
export const NODE_TARGET = 'node16.17'
/** esbuild/Vite target for the renderer (JavaScript and CSS): Electron 22.3's Chromium. */
export const CHROME_TARGET = 'chrome108'
/** The oldest Electron the bundles must start in (electron-builder.legacy.yml pins the exact 22.3.x). */
export const OLDEST_ELECTRON_MAJOR = 22
