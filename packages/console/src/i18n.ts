// The console's words in Spanish and English. Spanish is chosen for es-* browsers or ?lang=es,
// English for ?lang=en and every other browser language. Both tables have the same keys (the type
// says so), so a text missing in one language fails the type check.
import type { AgentState } from '@pacer/client';

export type Lang = 'es' | 'en';

const en = {
  title: 'Pacer console',
  otherLanguage: 'Español',
  signInHeading: 'Sign in to Pacer',
  user: 'User',
  password: 'Password',
  operation: 'Operation',
  operationHint: 'This user exists in several operations: type the number of yours (for example 0001).',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  wrongCredentials: 'Wrong user or password.',
  locked: (wait: string) => `Too many failed attempts: try again in ${wait}.`,
  seconds: (n: number) => (n === 1 ? '1 second' : `${n} seconds`),
  minutes: (n: number) => (n === 1 ? '1 minute' : `${n} minutes`),
  unreachable: 'Pacer did not answer: check the connection and try again.',
  sessionEnded: 'Your session ended: sign in again.',
  refused: (message: string) => `Not done: ${message}`,
  loading: 'Loading…',
  signedInAs: (user: string) => `Signed in as ${user}`,
  agentHeading: (id: string, name: string) => `Agent ${id} · ${name}`,
  status: 'Status',
  ready: 'Ready',
  logOut: 'Log out',
  states: {
    logout: 'Logged out', ready: 'Ready', aux: 'Auxiliary', ringing: 'Ringing', talking: 'On a call', held: 'On hold', acw: 'After-call work',
  } satisfies Record<AgentState, string>,
  stateNow: 'State',
  timeInState: 'Time in state',
  afterThisCall: (state: string) => `After this call: ${state}`,
  currentCall: 'Current call',
  noCall: 'No call right now.',
  phone: 'Phone',
  customer: 'Customer',
  callTime: 'Call time',
  callStates: { dialing: 'Dialing', ringing: 'Ringing', waiting: 'Waiting for an agent', connected: 'Connected', held: 'On hold', ended: 'Ended' } as Record<string, string>,
  hold: 'Hold',
  resume: 'Resume',
  mute: 'Mute',
  unmute: 'Unmute',
  hangUp: 'Hang up',
  manualDial: 'Manual dial',
  phoneNumber: 'Phone number',
  dial: 'Dial',
  afterCallWork: 'After-call work',
  dispositionOf: (phone: string) => `Disposition of the call to ${phone}`,
  activityCode: 'Activity code',
  activityCode2: 'Activity code 2 (optional)',
  chooseCode: 'Choose…',
  none: 'None',
  comments: 'Comments',
  save: 'Save',
  saveAndReady: 'Save and ready',
  saved: (code: string) => `Saved: ${code}.`,
  needCode: 'Choose an activity code.',
  live: 'Live',
  floorHeading: 'Floor',
  floorNote: 'A first view of the floor: every agent and its state, live. The full supervisor\'s view (wallboard, campaigns, charts) comes in a later version.',
  agents: 'Agents',
  agentColumn: 'Agent',
  nameColumn: 'Name',
  stateColumn: 'State',
  sinceColumn: 'Time in state',
};

export type Texts = typeof en;

const es: Texts = {
  title: 'Consola de Pacer',
  otherLanguage: 'English',
  signInHeading: 'Ingresar a Pacer',
  user: 'Usuario',
  password: 'Contraseña',
  operation: 'Operación',
  operationHint: 'Este usuario existe en varias operaciones: escriba el número de la suya (por ejemplo 0001).',
  signIn: 'Ingresar',
  signingIn: 'Ingresando…',
  signOut: 'Cerrar sesión',
  wrongCredentials: 'Usuario o contraseña incorrectos.',
  locked: (wait) => `Demasiados intentos fallidos: intente de nuevo en ${wait}.`,
  seconds: (n) => (n === 1 ? '1 segundo' : `${n} segundos`),
  minutes: (n) => (n === 1 ? '1 minuto' : `${n} minutos`),
  unreachable: 'Pacer no respondió: revise la conexión e intente de nuevo.',
  sessionEnded: 'Su sesión terminó: ingrese de nuevo.',
  refused: (message) => `No se pudo: ${message}`,
  loading: 'Cargando…',
  signedInAs: (user) => `Sesión de ${user}`,
  agentHeading: (id, name) => `Agente ${id} · ${name}`,
  status: 'Estado',
  ready: 'Disponible',
  logOut: 'Desconectarse',
  states: {
    logout: 'Desconectado', ready: 'Disponible', aux: 'Auxiliar', ringing: 'Timbrando', talking: 'En llamada', held: 'En espera', acw: 'Post-llamada',
  },
  stateNow: 'Estado actual',
  timeInState: 'Tiempo en el estado',
  afterThisCall: (state) => `Después de esta llamada: ${state}`,
  currentCall: 'Llamada actual',
  noCall: 'Sin llamada en este momento.',
  phone: 'Teléfono',
  customer: 'Cliente',
  callTime: 'Duración',
  callStates: { dialing: 'Marcando', ringing: 'Timbrando', waiting: 'Esperando agente', connected: 'Conectada', held: 'En espera', ended: 'Terminada' },
  hold: 'Espera',
  resume: 'Retomar',
  mute: 'Silenciar',
  unmute: 'Activar micrófono',
  hangUp: 'Colgar',
  manualDial: 'Marcación manual',
  phoneNumber: 'Número de teléfono',
  dial: 'Marcar',
  afterCallWork: 'Tipificación',
  dispositionOf: (phone) => `Tipificación de la llamada al ${phone}`,
  activityCode: 'Código de actividad',
  activityCode2: 'Código de actividad 2 (opcional)',
  chooseCode: 'Elija…',
  none: 'Ninguno',
  comments: 'Comentarios',
  save: 'Guardar',
  saveAndReady: 'Guardar y disponible',
  saved: (code) => `Guardado: ${code}.`,
  needCode: 'Elija un código de actividad.',
  live: 'En vivo',
  floorHeading: 'Piso',
  floorNote: 'Una primera vista del piso: cada agente y su estado, en vivo. La vista completa del supervisor (tablero, campañas, gráficas) llega en una próxima versión.',
  agents: 'Agentes',
  agentColumn: 'Agente',
  nameColumn: 'Nombre',
  stateColumn: 'Estado',
  sinceColumn: 'Tiempo en el estado',
};

export const texts: Record<Lang, Texts> = { en, es };

/** ?lang=es|en wins; else Spanish for a browser whose first language is Spanish, English otherwise. */
export function pickLang(search: string, browserLanguages: readonly string[]): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'es' || asked === 'en') return asked;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first === 'es' || first.startsWith('es-') ? 'es' : 'en';
}

/** A wait in words: seconds under two minutes, else whole minutes (rounded up). */
export function waitInWords(t: Texts, seconds: number): string {
  return seconds < 120 ? t.seconds(seconds) : t.minutes(Math.ceil(seconds / 60));
}
