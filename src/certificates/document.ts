/**
 * What a certificate document is, told by its first bytes (a name or a
 * declared type proves nothing): PDF, PNG or JPEG, at most 10 MB.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Array<{ mediaType: string; bytes: number[] }> = [
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function documentType(content: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.mediaType;
}
