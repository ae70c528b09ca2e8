/**
 * Text into HTML. Everything a customer, a seller or the database supplies
 * goes through here before it reaches a page or an email: the five
 * characters that can open a tag, end an attribute or start an entity.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A subject or header value on one line: a line break would start a new header in a naive client. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
