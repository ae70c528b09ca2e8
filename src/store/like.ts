/** A LIKE pattern matching `text` anywhere, with `%`, `_` and `\` typed in a search matched as themselves. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
