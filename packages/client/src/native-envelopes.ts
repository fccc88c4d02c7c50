// What wraps the native API's resources: a page of a list, and the body of a refusal. A page's
// schema is a function of its item (schemas.ts `Page`), so its type is generic here; a refusal's
// code is typed by the error catalogue, which the server's schema leaves a plain string.
// test/client-types.test.ts checks both against the server's schemas.
import type { ErrorCode } from '@pacer/vocabulary';

export interface Page<T> { data: T[]; next_cursor: string | null }
export interface ErrorBody { error: { code: ErrorCode; status: number; message: string } }
