// A preview campaign's next record: the agent reads it, then dials it or skips it. The record is
// held for this agent while it is shown (the server renews the hold while the page asks again).
import type { Preview } from '@pacer/client';
import type { Texts } from './i18n.ts';
import { RecordFields } from './RecordFields.tsx';

interface Props {
  t: Texts; preview: Preview; ready: boolean; busy: boolean; optTitles: Record<string, string>; keys: boolean; notice: string | undefined;
  onDial: () => void; onSkip: () => void;
}

export function PreviewPanel({ t, preview, ready, busy, optTitles, keys, notice, onDial, onSkip }: Props) {
  const next = preview.next;
  const campaign = next ? preview.campaigns.find((c) => c.id === next.campaign_id) : undefined;
  const names = preview.campaigns.map((c) => c.name).join(', ');
  return (
    <section class="card preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t.preview}</h2>
      <p class="hint">{t.previewOf(campaign?.name ?? names)}</p>
      {notice !== undefined && <p class="saved" role="status">{notice}</p>}
      {next === null ? <p class="hint" data-testid="preview-empty">{ready ? t.previewNone : t.previewNotReady}</p> : (
        <>
          <dl class="facts">
            <div><dt>{t.previewPhone}</dt><dd data-testid="preview-phone">{next.phone}</dd></div>
          </dl>
          <RecordFields t={t} record={next.record} campaignName={campaign?.name ?? next.campaign_id} optTitles={optTitles} testId="preview-record" />
          <div class="buttons">
            <button type="button" class="primary" disabled={busy} onClick={onDial}
              {...(keys ? { title: t.withKey(t.keys.p ?? '', 'P'), 'aria-keyshortcuts': 'p' } : {})}>{t.previewDial}</button>
            <button type="button" disabled={busy} onClick={onSkip}>{t.previewSkip}</button>
          </div>
        </>
      )}
    </section>
  );
}
