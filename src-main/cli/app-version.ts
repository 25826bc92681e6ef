/** The application version, from package.json (bundlers inline the JSON import). */
import packageJson from '../../package.json' with { type: 'json' }

export const APP_VERSION: string = packageJson.version
