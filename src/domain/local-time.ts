// Wall-clock times of an operation. wolkvox sends naive `YYYYmmddHHiiss` stamps; Pacer reads them
// in the operation's IANA time zone. The functions live with the wire contract in the client
// package (pure, no I/O), so the client formats exactly what the server parses.
export { formatStamp, instantOf, isValidTimeZone, localDay, localFields, parseStamp, type LocalFields } from '../../packages/client/src/stamp.ts';
