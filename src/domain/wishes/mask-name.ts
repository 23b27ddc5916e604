// Pure: how a resident's name appears to other residents (张** style). Phone numbers are never a fallback.

/** First character and two stars, whatever the length, so the mask does not reveal how long the name is. Null when there is no name. */
export function maskName(displayName: string | null | undefined): string | null {
  const name = (displayName ?? '').trim();
  if (!name) return null;
  // Array.from keeps a surrogate pair (rare CJK extension characters, emoji) whole.
  return `${Array.from(name)[0]}**`;
}
