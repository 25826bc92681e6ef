/** Types of stage-legacy-app.mjs for the tests that import it. */
export declare const LEGACY_ELECTRON_VERSION: string
export declare const LEGACY_BETTER_SQLITE3: string
export declare const LEGACY_STAGE_DIR: string
export declare const SQLITE_AMALGAMATION_FILES: readonly string[]
export declare function legacyAppManifest(projectPackage: Record<string, unknown>): {
  name: string
  productName: string
  version: string
  description: string
  license: string
  private: true
  main: string
  dependencies: Record<string, string>
}
export declare function legacyInstallCommand(): [string, string[]]
export declare function legacyRebuildCommand(stageDir: string, projectRoot: string): [string, string[]]
export declare function swapAmalgamation(projectRoot: string, stageDir: string): { from: string; to: string }
