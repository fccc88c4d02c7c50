// The sign-in form: user and password; the operation only once the server has said the name
// exists in several operations. Errors say what to do: wrong user or password (the server never
// says which), or locked and for how long.
import { useState } from 'preact/hooks';
import { PacerApiError, type PacerClient, type Session } from '@pacer/client';
import { waitInWords, type Texts } from './i18n.ts';

export function SignIn({ client, t, notice, onSignedIn }: { client: PacerClient; t: Texts; notice?: string | undefined; onSignedIn: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [operation, setOperation] = useState('');
  const [askOperation, setAskOperation] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await client.session.signIn(username.trim(), password, askOperation ? operation.trim() : undefined));
    } catch (err) {
      setError(messageOf(t, err, () => setAskOperation(true)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t.signInHeading}</h1>
      {notice !== undefined && <p class="notice" role="status">{notice}</p>}
      <label for="username">{t.user}</label>
      <input id="username" name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      <label for="password">{t.password}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      {askOperation && <>
        <label for="operation">{t.operation}</label>
        <input id="operation" name="operation" inputMode="numeric" required aria-describedby="operation-hint" value={operation} onInput={(e) => setOperation(e.currentTarget.value)} />
        <p id="operation-hint" class="hint">{t.operationHint}</p>
      </>}
      {error !== undefined && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? t.signingIn : t.signIn}</button>
    </form>
  );
}

function messageOf(t: Texts, error: unknown, needOperation: () => void): string {
  if (!(error instanceof PacerApiError) || error.code === 'TRANSPORT') return t.unreachable;
  switch (error.code) {
    case 'SIGN_IN_FAILED': return t.wrongCredentials;
    case 'SIGN_IN_LOCKED': return t.locked(waitInWords(t, error.retryAfterS ?? 900));
    case 'OPERATION_REQUIRED':
      needOperation();
      return t.operationHint;
    default: return t.refused(error.message);
  }
}
