import { useEffect, useRef } from 'react';

/** The agent's keyboard shortcuts, shown in the help dialog (`?`); each page binds the ones it serves. */
export const SHORTCUTS = [
  { keys: 'j / k', action: 'shortcut.nextPrev' },
  { keys: 'Enter / o', action: 'shortcut.open' },
  { keys: '/', action: 'shortcut.search' },
  { keys: 'r', action: 'shortcut.reply' },
  { keys: 'n', action: 'shortcut.note' },
  { keys: 'Ctrl+Enter', action: 'shortcut.send' },
  { keys: 'e', action: 'shortcut.resolve' },
  { keys: 'p', action: 'shortcut.pending' },
  { keys: 'a', action: 'shortcut.assignMe' },
  { keys: 'x', action: 'shortcut.select' },
  { keys: 'g i', action: 'shortcut.goInbox' },
  { keys: 'Esc', action: 'shortcut.back' },
  { keys: '?', action: 'shortcut.help' },
] as const;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Binds single-key shortcuts while mounted. Keys typed into a field are left alone, except Ctrl/Cmd+Enter (send);
 * Escape in a field leaves the field.
 */
export function useShortcuts(bindings: Record<string, (event: KeyboardEvent) => void>, enabled = true): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.defaultPrevented) return;
      const combo = (event.ctrlKey || event.metaKey) && event.key === 'Enter' ? 'mod+Enter' : event.key;
      if ((event.ctrlKey || event.metaKey) && combo !== 'mod+Enter') return;
      if (typingIn(event.target) && combo === 'Escape') {
        // The first Esc leaves the field (a half-typed tag is not lost with the conversation); the next one is the page's.
        (event.target as HTMLElement).blur();
        return;
      }
      if (typingIn(event.target) && combo !== 'mod+Enter') return;
      const handler = latest.current[combo];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
