/** Types of build-targets.mjs for the tests that import it. */
export declare const NODE_TARGET: string
export declare const CHROME_TARGET: string
export declare const OLDEST_ELECTRON_MAJOR: number
