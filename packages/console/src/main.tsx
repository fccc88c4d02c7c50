// The console's entry: picks the language, makes the client (as the browser's session: no token,
// the cookie goes by itself) and shows the app.
import { render } from 'preact';
import { PacerClient } from '@pacer/client';
import { App } from './App.tsx';
import { pickLang, texts } from './i18n.ts';
import './styles.css';

const lang = pickLang(location.search, navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
document.documentElement.lang = lang;
document.title = texts[lang].title;
const client = new PacerClient({ baseUrl: location.origin });
const root = document.getElementById('app');
if (root) render(<App client={client} lang={lang} />, root);
