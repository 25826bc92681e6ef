/**
 * Text from evidence (service display names, event messages, certificate subjects, host names) may hold
 * terminal control sequences: `ESC[2J` clears the screen, OSC 52 writes the clipboard, a bare CR or a
 * newline can forge a "Healthy" line. Everything printed for a human goes through this one helper.
 */

// C0 controls, DEL, C1 controls (0x9B is a one-byte CSI on some terminals), the Unicode line and paragraph
// separators and the bidirectional overrides/isolates that reorder what is shown ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
// eslint-disable-next-line no-control-regex -- same set, newline allowed (whole reports keep their line breaks)
const UNSAFE_KEEP_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Replaces control characters with visible `\u001b`-style escapes (tab is kept). The escape is the JSON
 * spelling, so applying it to JSON output leaves the JSON valid and meaning the same.
 */
export function escapeControlCharacters(value: string, options: { readonly keepNewlines?: boolean } = {}): string {
  return value.replace(options.keepNewlines ? UNSAFE_KEEP_NEWLINES : UNSAFE, toEscape)
}

function toEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}
