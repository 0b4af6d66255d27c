import type { Rng } from './random';

export type Language = 'it' | 'en';

export interface Person {
  firstName: string;
  lastName: string;
  name: string;
  username: string;
  followers: number;
  language: Language;
}

const IT_FIRST = ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Alessandro', 'Sofia', 'Matteo', 'Elena', 'Davide', 'Martina', 'Lorenzo', 'Aurora', 'Tommaso', 'Beatrice'];
const IT_LAST = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Costa'];
const EN_FIRST = ['Emma', 'James', 'Olivia', 'Noah', 'Amelia', 'Oliver', 'Isla', 'Harry', 'Ava', 'Jack', 'Mia', 'George', 'Grace', 'Leo', 'Chloe'];
const EN_LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Thomas', 'Clarke', 'Walker', 'Wright', 'Hughes', 'Green'];
const HANDLE_SUFFIX = ['', '_', '92', '88', '_official', '.eats', '_travels', '.roma', '_foodie', '2001', '.uk'];
const NAME_DECOR = ['', '', '', '', ' 🌻', ' ✈️', ' 🍕', ' 🇮🇹'];

/**
 * Followers the way social audiences spread: most people have a few hundred, some thousands, a rare few are
 * influencers with hundreds of thousands (the routing rules care about those).
 */
export function followerCount(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.6) return rng.int(5, 900);
  if (roll < 0.9) return rng.int(900, 15_000);
  if (roll < 0.98) return rng.int(15_000, 120_000);
  return rng.int(120_000, 2_500_000);
}

export function randomPerson(rng: Rng, language: Language = rng.chance(0.6) ? 'it' : 'en'): Person {
  const firstName = rng.pick(language === 'it' ? IT_FIRST : EN_FIRST);
  const lastName = rng.pick(language === 'it' ? IT_LAST : EN_LAST);
  const base = rng.chance(0.5) ? `${firstName}.${lastName}` : `${firstName}${lastName.slice(0, 1)}`;
  const username = `${base}${rng.pick(HANDLE_SUFFIX)}`.toLowerCase().replace(/[^a-z0-9._]/g, '');
  return { firstName, lastName, name: `${firstName} ${lastName}${rng.pick(NAME_DECOR)}`, username, followers: followerCount(rng), language };
}
