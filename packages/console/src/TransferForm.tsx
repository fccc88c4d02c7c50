// Blind transfer of the current call: to another agent's extension (who must be ready) or to an
// outside number, typed in one field as the API takes it. An agent's session may not list the
// other agents (it reads itself only), so the extension is typed; the server says who it was.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Texts } from './i18n.ts';

interface Props { t: Texts; disabled: boolean; onTransfer: (to: string) => Promise<boolean> }

export function TransferForm({ t, disabled, onTransfer }: Props) {
  const [to, setTo] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onTransfer(to.trim())) setTo('');
  };
  return (
    <form class="transfer" onSubmit={(e) => void submit(e)}>
      <div class="field">
        <label for="transfer-to">{t.transferTo}</label>
        <input id="transfer-to" ref={input} type="tel" inputMode="tel" autocomplete="off" required pattern="[0-9]{1,12}|\+?[0-9]{3,20}" maxLength={21}
          aria-describedby="transfer-hint" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        <p id="transfer-hint" class="hint">{t.transferHint}</p>
      </div>
      <button type="submit" class="primary" disabled={disabled}>{t.transferNow}</button>
    </form>
  );
}
