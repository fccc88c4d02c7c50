// The keypad of the current call: each key sends its tone (DTMF) at once, as on a phone; the tones
// sent on this call are repeated below it for the agent (and a screen reader) to check.
import type { Texts } from './i18n.ts';

export const keypadKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

interface Props { t: Texts; disabled: boolean; sent: string; onTone: (key: string) => void }

export function Keypad({ t, disabled, sent, onTone }: Props) {
  return (
    <div class="keypad-box">
      <div class="keypad" role="group" aria-label={t.keypadLabel}>
        {keypadKeys.map((k) => (
          <button key={k} type="button" disabled={disabled} aria-label={t.tone(k)} onClick={() => onTone(k)}>{k}</button>
        ))}
      </div>
      <p class="hint" role="status" data-testid="tones-sent">{sent === '' ? '' : t.tonesSent(sent)}</p>
    </div>
  );
}
