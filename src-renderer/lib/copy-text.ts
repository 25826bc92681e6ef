/** Copies text to the clipboard; false when the page may not (the user then selects and copies by hand). */
export async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value)
    return true
  } catch {
    // Older or locked-down contexts: the selection-based copy still works on a user gesture.
    const area = document.createElement('textarea')
    area.value = value
    area.setAttribute('readonly', '')
    area.className = 'offscreen'
    document.body.append(area)
    area.select()
    const copied = document.execCommand('copy')
    area.remove()
    return copied
  }
}
