// The supervisor's and admin's console: a navigation between the pages of the floor (wallboard,
// campaigns, records, do-not-call list, auxiliary states and activity codes) and, for admins,
// users and tokens. The page is the URL's hash (#campaigns…), so the browser's back button and a
// bookmark work without a router; a supervisor never sees the admins' pages (and the server
// refuses their requests anyway).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PacerApiError, PacerClient, Role } from '@pacer/client';
import { Campaigns } from './Campaigns.tsx';
import { Codes } from './Codes.tsx';
import { Dnc } from './Dnc.tsx';
import type { PageTexts } from './i18n.ts';
import { Records } from './Records.tsx';
import { Tokens } from './Tokens.tsx';
import { Users } from './Users.tsx';
import { Wallboard } from './Wallboard.tsx';

const sections = ['wallboard', 'campaigns', 'records', 'dnc', 'codes', 'users', 'tokens'] as const;
type Section = (typeof sections)[number];
const adminOnly = new Set<Section>(['users', 'tokens']);

function sectionOf(hash: string): Section {
  const name = hash.replace(/^#/, '');
  return (sections as readonly string[]).includes(name) ? (name as Section) : 'wallboard';
}

export interface PageProps { client: PacerClient; t: PageTexts; onEnded: (error: PacerApiError) => void }

export function Supervisor({ client, t, role, onEnded }: PageProps & { role: Role }) {
  const [section, setSection] = useState(() => sectionOf(location.hash));
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    const follow = () => {
      moved.current = true;
      setSection(sectionOf(location.hash));
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  // After a move (not on the first load), the new page's heading takes the focus, so a screen
  // reader says where the user is and the keyboard starts from there.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [section]);

  const isAdmin = role === 'admin';
  const shown = sections.filter((s) => isAdmin || !adminOnly.has(s));
  const allowed = isAdmin || !adminOnly.has(section);
  const props = { client, t, onEnded };
  return (
    <div class="floor">
      <nav class="tabs" aria-label={t.sections}>
        <ul>
          {shown.map((s) => <li key={s}><a href={`#${s}`} aria-current={s === section ? 'page' : undefined}>{t.nav[s]}</a></li>)}
        </ul>
      </nav>
      <h1 ref={heading} tabIndex={-1}>{t.nav[section]}</h1>
      {!allowed ? <p class="error" role="alert">{t.adminOnly}</p>
        : section === 'wallboard' ? <Wallboard {...props} />
          : section === 'campaigns' ? <Campaigns {...props} />
            : section === 'records' ? <Records {...props} />
              : section === 'dnc' ? <Dnc {...props} />
                : section === 'codes' ? <Codes {...props} />
                  : section === 'users' ? <Users {...props} />
                    : <Tokens {...props} />}
    </div>
  );
}
