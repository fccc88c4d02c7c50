// Auxiliary states (the breaks an agent takes: their ids are what change_status takes) and
// activity codes (the dispositions of a call, groups 1 and 2): listed, added, renamed and removed
// (PUT and DELETE /v1/aux-states/{id}, /v1/activity-codes/{group}/{code}); a second click confirms
// a removal, and the server refuses one of a state an agent is in, saying who.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ActivityCode, AuxState } from '@pacer/client';
import type { PageTexts } from './i18n.ts';
import { OutcomeLine, readAll, useAction } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';

export function Codes({ client, t, onEnded }: PageProps) {
  const [auxStates, setAuxStates] = useState<AuxState[] | undefined>(undefined);
  const [codes, setCodes] = useState<ActivityCode[] | undefined>(undefined);
  const { outcome, busy, run } = useAction(t, onEnded);

  const reload = useCallback(async () => {
    const [aux, activity] = await Promise.all([
      readAll((cursor) => client.configuration.auxStates({ limit: 100, ...(cursor ? { cursor } : {}) })),
      readAll((cursor) => client.configuration.activityCodes({ limit: 500, ...(cursor ? { cursor } : {}) })),
    ]);
    setAuxStates(aux);
    setCodes(activity);
  }, [client]);

  useEffect(() => {
    void run(async () => {
      await reload();
      return undefined;
    });
  }, [reload]);

  const save = (action: () => Promise<{ name: string }>) => run(async () => {
    const saved = await action();
    await reload();
    return t.savedAs(saved.name);
  });

  const remove = (name: string, action: () => Promise<void>) => run(async () => {
    await action();
    await reload();
    return t.removedName(name);
  });

  const nextAuxId = (auxStates ?? []).reduce((max, a) => Math.max(max, a.id), 0) + 1;
  return (
    <>
      <p class="hint">{t.removalNote}</p>
      <OutcomeLine outcome={outcome} />
      <div class="columns">
        <section class="card" aria-labelledby="aux-heading">
          <h2 id="aux-heading">{t.auxStates}</h2>
          {auxStates === undefined ? <p role="status">{t.loading}</p> : (
            <table class="compact">
              <caption class="visually-hidden">{t.auxStates}</caption>
              <thead><tr><th scope="col">{t.idColumn}</th><th scope="col">{t.nameColumn}</th><th scope="col"><span class="visually-hidden">{t.remove}</span></th></tr></thead>
              <tbody>
                {auxStates.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.id}</th>
                    <td><Rename key={a.name} t={t} name={a.name} busy={busy} onRename={(name) => save(() => client.configuration.putAuxState(a.id, name))} /></td>
                    <td><Remove t={t} name={a.name} busy={busy} onRemove={() => remove(a.name, () => client.configuration.removeAuxState(a.id))} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <NewAuxState key={nextAuxId} t={t} busy={busy} suggestedId={nextAuxId} onAdd={(id, name) => save(() => client.configuration.putAuxState(id, name))} />
        </section>
        <section class="card" aria-labelledby="codes-heading">
          <h2 id="codes-heading">{t.activityCodes}</h2>
          {codes === undefined ? <p role="status">{t.loading}</p> : (
            <table class="compact">
              <caption class="visually-hidden">{t.activityCodes}</caption>
              <thead><tr><th scope="col">{t.group}</th><th scope="col">{t.codeColumn}</th><th scope="col">{t.nameColumn}</th><th scope="col"><span class="visually-hidden">{t.remove}</span></th></tr></thead>
              <tbody>
                {codes.map((c) => (
                  <tr key={`${c.group}:${c.code}`}>
                    <td>{c.group}</td>
                    <th scope="row">{c.code}</th>
                    <td><Rename key={c.name} t={t} name={c.name} busy={busy} onRename={(name) => save(() => client.configuration.putActivityCode(c.group, c.code, name))} /></td>
                    <td><Remove t={t} name={c.code} busy={busy} onRemove={() => remove(c.code, () => client.configuration.removeActivityCode(c.group, c.code))} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <NewActivityCode t={t} busy={busy} onAdd={(group, code, name) => save(() => client.configuration.putActivityCode(group, code, name))} />
        </section>
      </div>
    </>
  );
}

/** A name with its own small form: change it, then Rename. */
function Rename({ t, name, busy, onRename }: { t: PageTexts; name: string; busy: boolean; onRename: (name: string) => Promise<boolean> }) {
  const [value, setValue] = useState(name);
  return (
    <form class="inline" onSubmit={(e) => {
      e.preventDefault();
      void onRename(value.trim());
    }}>
      <input required maxLength={100} aria-label={t.newNameOf(name)} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      <button type="submit" disabled={busy || value.trim() === name}>{t.rename}</button>
    </form>
  );
}

/** Remove, confirmed by a second click. */
function Remove({ t, name, busy, onRemove }: { t: PageTexts; name: string; busy: boolean; onRemove: () => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <button type="button" class="danger" aria-label={t.removeNamed(name)} disabled={busy} onClick={() => setConfirming(true)}>{t.remove}</button>;
  return (
    <span class="inline">
      <span role="status">{t.confirmRemove(name)}</span>{' '}
      <button type="button" class="danger" disabled={busy} onClick={() => { void onRemove().then(() => setConfirming(false)); }}>{t.yesRemove}</button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>{t.cancel}</button>
    </span>
  );
}

function NewAuxState({ t, busy, suggestedId, onAdd }: { t: PageTexts; busy: boolean; suggestedId: number; onAdd: (id: number, name: string) => Promise<boolean> }) {
  const [id, setId] = useState(String(suggestedId));
  const [name, setName] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onAdd(Number(id), name.trim())) setName('');
  };
  return (
    <form class="row wrap" onSubmit={(e) => void submit(e)} aria-label={t.newAuxState}>
      <div class="field">
        <label for="aux-id">{t.idColumn}</label>
        <input id="aux-id" type="number" min={1} max={999999999} step={1} required class="narrow" value={id} onInput={(e) => setId(e.currentTarget.value)} />
      </div>
      <div class="field grow">
        <label for="aux-name">{t.auxNameLabel}</label>
        <input id="aux-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <button type="submit" class="primary" disabled={busy}>{t.add}</button>
    </form>
  );
}

function NewActivityCode({ t, busy, onAdd }: { t: PageTexts; busy: boolean; onAdd: (group: 1 | 2, code: string, name: string) => Promise<boolean> }) {
  const [group, setGroup] = useState<1 | 2>(1);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onAdd(group, code.trim(), name.trim())) {
      setCode('');
      setName('');
    }
  };
  return (
    <form class="row wrap" onSubmit={(e) => void submit(e)} aria-label={t.newActivityCode}>
      <div class="field">
        <label for="code-group">{t.group}</label>
        <select id="code-group" value={String(group)} onChange={(e) => setGroup(e.currentTarget.value === '2' ? 2 : 1)}>
          <option value="1">{t.groups[1]}</option>
          <option value="2">{t.groups[2]}</option>
        </select>
      </div>
      <div class="field">
        <label for="code-code">{t.codeColumn}</label>
        <input id="code-code" required maxLength={64} pattern="[\w.\-]{1,64}" class="narrow" aria-describedby="code-hint" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
      </div>
      <div class="field grow">
        <label for="code-name">{t.codeNameLabel}</label>
        <input id="code-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <button type="submit" class="primary" disabled={busy}>{t.add}</button>
      <p id="code-hint" class="hint row-note">{t.codeHint}</p>
    </form>
  );
}
