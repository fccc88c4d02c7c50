// The envelope of every wolkvox answer as the client hands it back.

/** The envelope of every answer, `code` normalised to a number. */
export interface WolkvoxAnswer<D = unknown> {
  code: number;
  error: string | null;
  msg: string;
  data?: D;
}
