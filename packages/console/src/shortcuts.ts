// Single-key shortcuts of the agent desktop (R ready, H hold, M mute, X hang up, …). They never
// fire while the person types in a field, with a modifier held (the browser's own shortcuts), or
// on a key held down; and they can be turned off, as WCAG 2.1.4 asks of single-character
// shortcuts (the choice is kept in this browser).
import { useEffect, useRef, useState } from 'preact/hooks';

const storageKey = 'pacer.shortcuts';

/** Whether an element takes typed text (or a choice by letter), so its keys are not shortcuts. */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
}

/** Whether shortcuts are on (default on), and the way to change it. */
export function useShortcutsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(storageKey) !== 'off';
    } catch {
      return true;
    }
  });
  const change = (value: boolean) => {
    setOn(value);
    try {
      localStorage.setItem(storageKey, value ? 'on' : 'off');
    } catch { /* private browsing: the choice lasts this page */ }
  };
  return [on, change];
}

/**
 * Calls `handlers[key]` (a lower-case letter, a digit, `*`, `#` or `?`) for a key pressed outside
 * any text field; a handler that answers false leaves the key to the browser.
 */
export function useShortcuts(enabled: boolean, handlers: Record<string, (() => boolean | void) | undefined>): void {
  const latest = useRef({ enabled, handlers });
  latest.current = { enabled, handlers };
  // One listener for the page's life, reading what the last render said (so a change of either
  // counts from the next key, without waiting for an effect to run).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!latest.current.enabled || e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (typesText(e.target)) return;
      const handler = latest.current.handlers[e.key.length === 1 ? e.key.toLowerCase() : ''];
      if (!handler) return;
      if (handler() !== false) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
