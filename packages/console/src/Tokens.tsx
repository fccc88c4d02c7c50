// Tokens (admins only): the keys programs use to call Pacer's API, each with a role. Create one
// (its value is shown once, here, and never again: Pacer keeps a hash), revoke one (a second click
// confirms; what uses it stops at once).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { roles, type NewToken, type Role, type Token } from '@pacer/client';
import type { PageTexts } from './i18n.ts';
import { localTime, OutcomeLine, readAll, useAction } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';

export function Tokens({ client, t, onEnded }: PageProps) {
  const [tokens, setTokens] = useState<Token[] | undefined>(undefined);
  const [made, setMade] = useState<NewToken | undefined>(undefined);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const { outcome, busy, run } = useAction(t, onEnded);

  const reload = useCallback(async () => {
    setTokens(await readAll((cursor) => client.tokens.list({ limit: 500, ...(cursor ? { cursor } : {}) })));
  }, [client]);
  useEffect(() => {
    void run(async () => {
      await reload();
      return undefined;
    });
  }, [reload]);

  const revoke = (token: Token) => run(async () => {
    await client.tokens.revoke(token.id);
    setConfirming(undefined);
    await reload();
    return t.tokenRevoked(token.description);
  });

  return (
    <>
      <OutcomeLine outcome={outcome} />
      {made && (
        <section class="card secret" aria-labelledby="secret-heading">
          <h2 id="secret-heading">{t.theNewToken(made.description)}</h2>
          <p class="notice">{t.tokenOnce}</p>
          <output data-testid="new-token" class="token-value">{made.token}</output>
          <div class="buttons"><button type="button" class="primary" onClick={() => setMade(undefined)}>{t.done}</button></div>
        </section>
      )}
      {tokens === undefined ? <p role="status">{t.loading}</p> : (
        <table class="card wide">
          <caption>{t.nav.tokens}</caption>
          <thead>
            <tr>
              <th scope="col">{t.descriptionColumn}</th><th scope="col">{t.roleColumn}</th><th scope="col">{t.agentColumn}</th><th scope="col">{t.createdColumn}</th>
              <th scope="col">{t.revokedColumn}</th><th scope="col">{t.actionsColumn}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.description}</th>
                <td>{t.roles[k.role]}</td>
                <td>{k.agent_id ?? '—'}</td>
                <td>{localTime(k.created_at)}</td>
                <td>{k.revoked_at === null ? t.activeToken : localTime(k.revoked_at)}</td>
                <td>
                  {k.revoked_at === null && (confirming === k.id ? (
                    <span class="buttons tight">
                      <button type="button" class="danger" disabled={busy} onClick={() => void revoke(k)}>{t.yesRevoke}</button>
                      <button type="button" onClick={() => setConfirming(undefined)}>{t.cancel}</button>
                    </span>
                  ) : <button type="button" onClick={() => setConfirming(k.id)}>{t.revoke}</button>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming !== undefined && <p class="notice" role="status">{t.confirmRevoke(tokens?.find((k) => k.id === confirming)?.description ?? '')}</p>}
      <NewTokenForm t={t} busy={busy} onCreate={(description, role, agentId) => run(async () => {
        const created = await client.tokens.create(description, { role, ...(role === 'agent' ? { agent_id: agentId } : {}) });
        setMade(created);
        await reload();
        return undefined;
      })} />
    </>
  );
}

function NewTokenForm({ t, busy, onCreate }: { t: PageTexts; busy: boolean; onCreate: (description: string, role: Role, agentId: string) => Promise<boolean> }) {
  const [description, setDescription] = useState('');
  const [role, setRole] = useState<Role>('supervisor');
  const [agentId, setAgentId] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onCreate(description.trim(), role, agentId.trim())) {
      setDescription('');
      setAgentId('');
    }
  };
  return (
    <form class="card row wrap" onSubmit={(e) => void submit(e)} aria-labelledby="new-token-heading">
      <h2 id="new-token-heading" class="row-title">{t.newToken}</h2>
      <div class="field grow">
        <label for="token-description">{t.tokenDescription}</label>
        <input id="token-description" required maxLength={200} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="token-role">{t.role}</label>
        <select id="token-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {roles.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
        </select>
      </div>
      {role === 'agent' && (
        <div class="field">
          <label for="token-agent">{t.agentId}</label>
          <input id="token-agent" inputMode="numeric" pattern="[0-9]{1,12}" required maxLength={12} class="narrow" value={agentId} onInput={(e) => setAgentId(e.currentTarget.value)} />
        </div>
      )}
      <button type="submit" class="primary" disabled={busy}>{t.createToken}</button>
    </form>
  );
}
