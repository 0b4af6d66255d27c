import type { KeyboardEvent } from 'react';

/**
 * A keydown handler for a menu, form or drawer inside the pane: Escape closes it and goes no further, so the
 * pane's own Escape (close the conversation) does not fire as well (useShortcuts skips handled keys).
 */
export function closeOnEscape(close: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };
}
