// Users (admins only): the people who sign in to the console, with their role and, for an agent,
// the agent they are. Create one; pick one to change its role or password, or to delete it (a
// second click confirms). A change ends the user's open sessions (the server does it).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { roles, type Role, type User } from '@pacer/client';
import type { PageTexts } from './i18n.ts';
import { localTime, OutcomeLine, readAll, useAction } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';

export function Users({ client, t, onEnded }: PageProps) {
  const [users, setUsers] = useState<User[] | undefined>(undefined);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const { outcome, busy, run } = useAction(t, onEnded);

  const reload = useCallback(async () => {
    setUsers(await readAll((cursor) => client.users.list({ limit: 500, ...(cursor ? { cursor } : {}) })));
  }, [client]);
  useEffect(() => {
    void run(async () => {
      await reload();
      return undefined;
    });
  }, [reload]);

  const act = (action: () => Promise<string>) => run(async () => {
    const done = await action();
    await reload();
    return done;
  });
  const chosen = users?.find((u) => u.id === editing);

  return (
    <>
      <OutcomeLine outcome={outcome} />
      {users === undefined ? <p role="status">{t.loading}</p> : (
        <table class="card wide">
          <caption>{t.nav.users}</caption>
          <thead>
            <tr><th scope="col">{t.usernameColumn}</th><th scope="col">{t.roleColumn}</th><th scope="col">{t.agentColumn}</th><th scope="col">{t.createdColumn}</th><th scope="col">{t.actionsColumn}</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} class={u.id === editing ? 'chosen' : undefined}>
                <th scope="row">{u.username}</th>
                <td>{t.roles[u.role]}</td>
                <td>{u.agent_id ?? '—'}</td>
                <td>{localTime(u.created_at)}</td>
                <td><button type="button" aria-pressed={u.id === editing} onClick={() => setEditing(u.id === editing ? undefined : u.id)}>{t.edit}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="columns">
        {chosen && (
          <EditUser key={chosen.id} t={t} user={chosen} busy={busy}
            onRole={(role, agentId) => act(async () => {
              const changed = await client.users.change(chosen.id, { role, ...(role === 'agent' ? { agent_id: agentId } : {}) });
              return t.roleSaved(changed.username, t.roles[changed.role]);
            })}
            onPassword={(password) => act(async () => {
              await client.users.change(chosen.id, { password });
              return t.passwordSet(chosen.username);
            })}
            onDelete={() => act(async () => {
              await client.users.remove(chosen.id);
              setEditing(undefined);
              return t.userDeleted(chosen.username);
            })}
            onClose={() => setEditing(undefined)} />
        )}
        <NewUser t={t} busy={busy} onCreate={(user) => act(async () => t.userCreated((await client.users.create(user)).username))} />
      </div>
    </>
  );
}

function RoleFields({ t, prefix, role, agentId, onRole, onAgentId }: { t: PageTexts; prefix: string; role: Role; agentId: string; onRole: (r: Role) => void; onAgentId: (id: string) => void }) {
  return (
    <>
      <div class="field">
        <label for={`${prefix}-role`}>{t.role}</label>
        <select id={`${prefix}-role`} value={role} onChange={(e) => onRole(e.currentTarget.value as Role)}>
          {roles.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
        </select>
      </div>
      {role === 'agent' && (
        <div class="field">
          <label for={`${prefix}-agent`}>{t.agentId}</label>
          <input id={`${prefix}-agent`} inputMode="numeric" pattern="[0-9]{1,12}" required maxLength={12} aria-describedby={`${prefix}-agent-hint`}
            value={agentId} onInput={(e) => onAgentId(e.currentTarget.value)} />
          <p id={`${prefix}-agent-hint`} class="hint">{t.agentIdHint}</p>
        </div>
      )}
    </>
  );
}

function NewUser({ t, busy, onCreate }: { t: PageTexts; busy: boolean; onCreate: (u: { username: string; password: string; role: Role; agent_id?: string }) => Promise<boolean> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [agentId, setAgentId] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onCreate({ username: username.trim(), password, role, ...(role === 'agent' ? { agent_id: agentId.trim() } : {}) })) {
      setUsername('');
      setPassword('');
      setAgentId('');
    }
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">{t.newUser}</h2>
      <div class="field">
        <label for="new-username">{t.username}</label>
        <input id="new-username" required maxLength={64} autocomplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="new-password">{t.newPassword}</label>
        <input id="new-password" type="password" required minLength={8} maxLength={128} autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </div>
      <RoleFields t={t} prefix="new" role={role} agentId={agentId} onRole={setRole} onAgentId={setAgentId} />
      <button type="submit" class="primary" disabled={busy}>{t.createUser}</button>
    </form>
  );
}

interface EditProps {
  t: PageTexts; user: User; busy: boolean;
  onRole: (role: Role, agentId: string) => Promise<boolean>; onPassword: (password: string) => Promise<boolean>; onDelete: () => Promise<boolean>; onClose: () => void;
}

function EditUser({ t, user, busy, onRole, onPassword, onDelete, onClose }: EditProps) {
  const [role, setRole] = useState<Role>(user.role);
  const [agentId, setAgentId] = useState(user.agent_id ?? '');
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="card" aria-labelledby="edit-user-heading">
      <h2 id="edit-user-heading">{t.editUser(user.username)}</h2>
      <form onSubmit={(e) => {
        e.preventDefault();
        void onRole(role, agentId.trim());
      }}>
        <RoleFields t={t} prefix="edit" role={role} agentId={agentId} onRole={setRole} onAgentId={setAgentId} />
        <button type="submit" disabled={busy}>{t.saveRole}</button>
      </form>
      <form class="row" onSubmit={(e) => {
        e.preventDefault();
        void onPassword(password).then((ok) => ok && setPassword(''));
      }}>
        <div class="field grow">
          <label for="edit-password">{t.newPassword}</label>
          <input id="edit-password" type="password" required minLength={8} maxLength={128} autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy}>{t.setPassword}</button>
      </form>
      <div class="buttons">
        {confirming ? <>
          <span class="notice" role="status">{t.confirmDeleteUser(user.username)}</span>
          <button type="button" class="danger" disabled={busy} onClick={() => void onDelete()}>{t.yesDelete}</button>
          <button type="button" onClick={() => setConfirming(false)}>{t.cancel}</button>
        </> : <>
          <button type="button" class="danger" onClick={() => setConfirming(true)}>{t.deleteUser}</button>
          <button type="button" onClick={onClose}>{t.cancel}</button>
        </>}
      </div>
    </section>
  );
}
