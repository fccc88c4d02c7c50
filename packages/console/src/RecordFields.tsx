// A customer record as the agent reads it: its name first, then its phones, then the campaign's
// fields (opt1…opt12 under the titles the campaign gave them), then anything else it was loaded with.
import type { CampaignRecord } from '@pacer/client';
import type { Texts } from './i18n.ts';

const telN = /^tel(\d{1,2})$/;
const optN = /^opt(\d{1,2})$/;

function rank(key: string): [number, number, string] {
  if (key === 'customer_name') return [0, 0, key];
  if (key === 'customer_last_name') return [0, 1, key];
  const tel = telN.exec(key);
  if (tel) return [1, Number(tel[1]), key];
  const opt = optN.exec(key);
  if (opt) return [2, Number(opt[1]), key];
  return [3, 0, key];
}

function byRank(a: string, b: string): number {
  const [ga, na, ka] = rank(a);
  const [gb, nb, kb] = rank(b);
  return ga - gb || na - nb || ka.localeCompare(kb);
}

export function fieldLabel(t: Texts, key: string, optTitles: Record<string, string>): string {
  if (key === 'customer_name') return t.fieldName;
  if (key === 'customer_last_name') return t.fieldLastName;
  const tel = telN.exec(key);
  if (tel) return t.fieldPhone(Number(tel[1]));
  const opt = optN.exec(key);
  if (opt) return optTitles[key] || t.fieldOpt(Number(opt[1]));
  return key;
}

interface Props { t: Texts; record: CampaignRecord; campaignName: string; optTitles: Record<string, string>; testId?: string }

export function RecordFields({ t, record, campaignName, optTitles, testId }: Props) {
  const keys = Object.keys(record.data).filter((k) => record.data[k] !== '').sort(byRank);
  return (
    <div class="record" data-testid={testId}>
      <p class="hint">{t.recordOf(campaignName, record.customer_id)}</p>
      <dl class="record-fields">
        {keys.map((k) => <div key={k}><dt>{fieldLabel(t, k, optTitles)}</dt><dd>{record.data[k]}</dd></div>)}
        <div><dt>{t.attempts}</dt><dd>{record.attempts}</dd></div>
      </dl>
    </div>
  );
}
