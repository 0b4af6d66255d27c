/**
 * The `<option>`s of the desk's selects, so each page keeps only its `<select>` (its label, value and events) and
 * its own leading choices ("any role", "keep the role"...).
 */

/** One option per value, in the list's order, labelled by `label` (a translation). */
export function ValueOptions<T extends string>({ values, label }: { values: readonly T[]; label(value: T): string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

/**
 * One option per role (or channel, or anyone with an id and a name), named as the directory names it. With `missing`,
 * a saved value that names none of them (a role deleted since) still shows as chosen, under that label, instead of
 * the select silently showing its first option.
 */
export function NamedOptions<I extends { id: string; name: string }>({ items, label = (item) => item.name, missing }: { items: readonly I[]; label?(item: I): string; missing?: { value: string; label: string } }) {
  return (
    <>
      {missing?.value && !items.some((item) => item.id === missing.value) && <option value={missing.value}>{missing.label}</option>}
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {label(item)}
        </option>
      ))}
    </>
  );
}
