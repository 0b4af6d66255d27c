/** A textarea of one term per line as the API's list: trimmed, blank lines dropped, repeats (any case) kept once. */
export function parseLines(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const term = line.trim();
    const key = term.toLocaleLowerCase();
    if (term === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

export const joinLines = (terms: readonly string[]): string => terms.join('\n');
