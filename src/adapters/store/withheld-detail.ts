// Statements that write a secret (a trunk's password, an agent phone's digest HA1). When PostgreSQL
// refuses such a row, the error's `detail` quotes it whole ("Failing row contains (…, <secret>, …)"),
// and an unexpected error is logged in full: the detail is withheld from the error before it leaves
// the store.
const withheld = 'withheld: the row holds a secret';

export async function withoutRowDetail<T>(statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    if (error !== null && typeof error === 'object' && 'detail' in error) error.detail = withheld;
    throw error;
  }
}
