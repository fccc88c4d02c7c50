// The list of the desktop's keyboard shortcuts, and the switch that turns them off (WCAG 2.1.4:
// single-key shortcuts must be possible to turn off). `?` opens and closes it.
import type { Texts } from './i18n.ts';

export const shortcutKeys = ['r', 'h', 'm', 'x', 'd', 'k', 't', 'p', '?'] as const;

interface Props { t: Texts; open: boolean; on: boolean; onOpen: (open: boolean) => void; onChange: (on: boolean) => void }

export function ShortcutHelp({ t, open, on, onOpen, onChange }: Props) {
  return (
    <details class="shortcuts" open={open} onToggle={(e) => onOpen(e.currentTarget.open)}>
      <summary>{t.shortcuts}</summary>
      <label class="check"><input type="checkbox" checked={on} onChange={(e) => onChange(e.currentTarget.checked)} /> {t.shortcutsOn}</label>
      <p class="hint">{t.shortcutsNote}</p>
      <dl class="keys">
        {shortcutKeys.map((k) => <div key={k}><dt><kbd>{k.toUpperCase()}</kbd></dt><dd>{t.keys[k]}</dd></div>)}
      </dl>
    </details>
  );
}
