/** What a canned response may say about the conversation it answers; filled in when it is rendered. */
export const PLACEHOLDERS = ['contact.name', 'contact.firstName', 'contact.username', 'agent.name', 'agent.firstName', 'channel.name', 'workspace.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const BY_LOWER = new Map<string, Placeholder>(PLACEHOLDERS.map((p) => [p.toLowerCase(), p]));
const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;
// Stands for a placeholder without a value while the text is tidied; a noncharacter, never in real text.
const GAP = '\uFFFF';

/** The placeholder for a name as written between braces (case-insensitively), or undefined when unknown. */
export function placeholderNamed(name: string): Placeholder | undefined {
  return BY_LOWER.get(name.trim().toLowerCase());
}

/** Placeholders the text uses, once each, in order of first use. */
export function placeholdersIn(text: string): Placeholder[] {
  const found = new Set<Placeholder>();
  for (const match of text.matchAll(PATTERN)) {
    const known = placeholderNamed(match[1]!);
    if (known) found.add(known);
  }
  return [...found];
}

/** Every `{{...}}` the desk cannot fill, as written, once each. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PATTERN)) if (!placeholderNamed(match[1]!)) unknown.add(match[0]);
  return [...unknown];
}

export type PlaceholderValues = Partial<Record<Placeholder, string | null>>;

export interface RenderFacts {
  contact: { name: string | null; username: string | null } | null;
  agent: { name: string };
  channel: { name: string } | null;
  workspace: { name: string };
}

/**
 * The values of every placeholder, with fallbacks: the contact's name falls back to their username (platforms
 * such as X or Instagram often give only a handle), a first name is the first word of the name.
 */
export function placeholderValues(facts: RenderFacts): Record<Placeholder, string | null> {
  const name = blankToNull(facts.contact?.name);
  const username = blankToNull(facts.contact?.username);
  return {
    'contact.name': name ?? username,
    'contact.firstName': firstWord(name) ?? username,
    'contact.username': username,
    'agent.name': blankToNull(facts.agent.name),
    'agent.firstName': firstWord(facts.agent.name),
    'channel.name': blankToNull(facts.channel?.name),
    'workspace.name': blankToNull(facts.workspace.name),
  };
}

/**
 * Fills the placeholders. One without a value becomes empty and is listed in `missing`, and the space before it
 * goes too when punctuation, a space or the line's end follows ("Hi {{contact.firstName}}, ..." → "Hi, ..."), so
 * the agent gets a usable draft and knows what to complete. Unknown placeholders stay as written.
 */
export function renderTemplate(text: string, values: PlaceholderValues): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const filled = text.replace(/\uFFFF/g, '').replace(PATTERN, (whole, name: string) => {
    const placeholder = placeholderNamed(name);
    if (!placeholder) return whole;
    const value = values[placeholder];
    if (value === undefined || value === null || value === '') {
      missing.add(placeholder);
      return GAP;
    }
    return value;
  });
  const tidy = filled.replace(new RegExp(`[ \\t]+${GAP}(?=[ \\t,.;:!?)\\]]|$)`, 'gm'), '').replace(new RegExp(GAP, 'g'), '');
  return { text: tidy, missing: [...missing] };
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function firstWord(value: string | null | undefined): string | null {
  return blankToNull(value)?.split(/\s+/)[0] ?? null;
}
