/** Address helpers for headers as platforms hand them over: `a@b`, `Name <a@b>`, `"Last, First" <a@b>, c@d`. */

/** Every bare address in a header value, in order (display names are skipped, commas inside quotes are harmless). */
export function addressesIn(value: string | undefined): string[] {
  if (!value) return [];
  // Split, then test each token: a single global regex would rescan a long '@'-less run from every position.
  return value
    .slice(0, 20_000)
    .split(/[\s<>,;"()[\]]+/)
    .filter((token) => /^[^@]+@[^@]+$/.test(token))
    .slice(0, 100);
}

/** The one address of `Name <a@b>` (the bracketed one wins over an address-like display name). */
export function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(value.slice(0, 2_000));
  return bracketed?.[1] ?? addressesIn(value)[0];
}

/** The display name of `"Anna Ferrari" <a@b>`, unquoted; undefined for a bare address. */
export function displayNameOf(value: string | undefined): string | undefined {
  const lt = value?.indexOf('<') ?? -1;
  if (!value || lt <= 0) return undefined;
  const name = value.slice(0, lt).trim().replace(/^"(.*)"$/s, '$1').trim();
  return name === '' ? undefined : name;
}

/** The token of a plus address: `support+conv_8f3a2c@x` -> `conv_8f3a2c`. */
export function plusToken(address: string): string | undefined {
  const local = address.slice(0, address.lastIndexOf('@'));
  const plus = local.indexOf('+');
  return plus >= 0 && plus < local.length - 1 ? local.slice(plus + 1) : undefined;
}

/** `support@x` + token -> `support+token@x`, so the customer's answer carries the conversation in its To. */
export function withPlusToken(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const base = local.includes('+') ? local.slice(0, local.indexOf('+')) : local;
  return `${base}+${token}${address.slice(at)}`;
}

/** The ids of a Message-ID, In-Reply-To or References header, in header order (brackets kept, as they are stored). */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  value = value.replaceAll('\u0000', '');
  const ids = [...value.slice(0, 50_000).matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
  if (ids.length > 0) return ids.slice(-100);
  const bare = value.trim();
  return bare !== '' && !/\s/.test(bare) ? [bare] : [];
}
