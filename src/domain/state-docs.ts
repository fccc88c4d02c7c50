// Renders the agent and call transition tables as Markdown: docs/states.md is this output, and a
// test fails when the committed file and the tables disagree.
import { agentEvents, agentStates, agentTransitions } from './agent-state.ts';
import { callEvents, callStates, callTransitions } from './call-state.ts';

function table(states: readonly string[], events: readonly string[], cell: (s: string, e: string) => string | undefined): string {
  const head = `| state \\ event | ${events.map((e) => `\`${e}\``).join(' | ')} |`;
  const rule = `|---|${events.map(() => '---').join('|')}|`;
  const rows = states.map((s) => `| \`${s}\` | ${events.map((e) => cell(s, e) ?? '—').join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export function renderStateDocs(): string {
  const agent = table(agentStates, agentEvents, (s, e) => agentTransitions[s as keyof typeof agentTransitions][e as keyof (typeof agentTransitions)['ready']]);
  const call = table(callStates, callEvents, (s, e) => callTransitions[s as keyof typeof callTransitions][e as keyof (typeof callTransitions)['dialing']]);
  return `# Agent and call states

Generated from \`src/domain/agent-state.ts\` and \`src/domain/call-state.ts\` by
\`npm run -s docs\`; the engine applies these tables and the tests walk every cell. A dash is a
refusal: 409 with a message naming the state (\`Agent 1001 has no active call\`).

## Agent

\`goReady\`, \`goAux\`, \`goLogout\` come from \`change_status\`; \`dial\` from dial, aux_call and
auto callbacks; \`offer\` is a call handed to a ready agent (predictive connect, transfer);
\`wrapUp\` ends after-call work. **defer**: the agent is on a call, so the change is kept as its
next state and applied when the call and its after-call work end (the call is never dropped).
**next**: the deferred state, or \`ready\` if none.

${agent}

## Call

\`waiting\` is a call answered by a person and not yet connected to an agent (predictive dialing;
the 2-second connect deadline runs). Calls placed for an agent connect on answer.

${call}
`;
}
