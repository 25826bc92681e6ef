/** The application version, from package.json (bundlers inline the JSON import). */
import packageJson from '../../package.json' with { type: 'json' }
import { describeAppVersion, detectBuildFlavour } from '../../src-shared/build/build-flavour'

/**
 * "0.1.0" on Node.js; inside the packaged app's Electron (`--cli`, xmpp-edge-doctor.cmd) it also names the
 * build, "0.1.0 (legacy build, Electron 22.3.27)", so reports and the history say which build made them.
 */
export const APP_VERSION: string = describeAppVersion(packageJson.version, {
  flavour: detectBuildFlavour(process.versions.electron, true),
  electron: process.versions.electron ?? null,
})
