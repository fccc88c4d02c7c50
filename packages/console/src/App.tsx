// Who is signed in decides the page: nobody, the sign-in form; an agent, its desktop; a supervisor
// or an admin, the floor's pages (wallboard, campaigns, records…; users and tokens for admins). A session that ends while in use (signed out
// elsewhere, expired, its user changed) comes back to the sign-in form saying so.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PacerApiError, PacerClient, Session } from '@pacer/client';
import { AgentDesktop } from './AgentDesktop.tsx';
import { describeError } from './errors.ts';
import { pageTexts, texts, type Lang, type Texts } from './i18n.ts';
import { SignIn } from './SignIn.tsx';
import { Supervisor } from './Supervisor.tsx';

type View = { kind: 'loading' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; session: Session };

export function App({ client, lang }: { client: PacerClient; lang: Lang }) {
  const t = texts[lang];
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    client.session.current()
      .then((session) => setView(session ? { kind: 'signed-in', session } : { kind: 'signed-out' }))
      .catch(() => setView({ kind: 'signed-out', notice: t.unreachable }));
  }, [client, t]);

  // A session that ended brings the sign-in back; another lasting refusal (too many open streams,
  // say) is shown above the page, which goes on showing what it read.
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const ended = useCallback((error: PacerApiError) => {
    if (error.code === 'SESSION_INVALID') setView({ kind: 'signed-out', notice: t.sessionEnded });
    else setProblem(describeError(t, error));
  }, [t]);

  const signOut = useCallback(async () => {
    await client.session.signOut().catch(() => undefined);
    setProblem(undefined);
    setView({ kind: 'signed-out' });
  }, [client]);

  return (
    <div class="page">
      <header class="bar">
        <span class="brand">Pacer</span>
        {view.kind === 'signed-in' && <span class="who">{t.signedInAs(view.session.user.username)} · {view.session.user.operation_id}</span>}
        <nav class="bar-actions">
          <LanguageLink t={t} lang={lang} />
          {view.kind === 'signed-in' && <button type="button" class="quiet" onClick={() => void signOut()}>{t.signOut}</button>}
        </nav>
      </header>
      <main>
        {problem !== undefined && view.kind === 'signed-in' && <p class="error" role="alert">{problem}</p>}
        {view.kind === 'loading' && <p role="status">{t.loading}</p>}
        {view.kind === 'signed-out' && <SignIn client={client} t={t} notice={view.notice} onSignedIn={(session) => setView({ kind: 'signed-in', session })} />}
        {view.kind === 'signed-in' && (view.session.user.role === 'agent' && view.session.user.agent_id !== null
          ? <AgentDesktop client={client} t={t} agentId={view.session.user.agent_id} onEnded={ended} />
          : <Supervisor client={client} t={pageTexts[lang]} role={view.session.user.role} onEnded={ended} />)}
      </main>
    </div>
  );
}

/** The other language, on the same page: the query and the section (#hash) stay as they are now. */
function LanguageLink({ t, lang }: { t: Texts; lang: Lang }) {
  const other = lang === 'es' ? 'en' : 'es';
  const target = () => {
    const params = new URLSearchParams(location.search);
    params.set('lang', other);
    return `?${params.toString()}${location.hash}`;
  };
  // The section can change after this renders (hashchange): the click reads it then.
  const follow = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    location.assign(target());
  };
  return <a href={target()} onClick={follow} hrefLang={other} lang={other}>{t.otherLanguage}</a>;
}

