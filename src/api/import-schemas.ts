/** Request and answer shapes of the import routes. */
import { z } from 'zod';

export const importKind = z.enum(['transactions', 'employees']);

export const importQuery = z.strictObject({
  kind: importKind,
  fileName: z.string().max(255).optional(),
});

export const templateQuery = z.strictObject({ kind: importKind.optional() });

export const commitQuery = z.strictObject({
  /** `hold`: commit although some new product ids are unassigned; their transactions are held for attention (GET /v1/attention) until the products are mapped. */
  unassignedProducts: z.enum(['refuse', 'hold']).optional(),
});

const rowError = z.object({ row: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string() });

export const importErrorItem = rowError.extend({ phase: z.enum(['validation', 'commit']) });

export const newProduct = z.object({
  productId: z.string(),
  rows: z.number().int(),
  assignedTo: z.union([z.object({ productId: z.string() }), z.object({ taxCategory: z.string() })]).nullable(),
});

export const importView = z.object({
  id: z.string(),
  kind: importKind,
  status: z.enum(['validating', 'invalid', 'validated', 'committing', 'committed', 'completed', 'failed']),
  fileName: z.string().nullable(),
  /** "All looks good", or what to fix. */
  message: z.string(),
  rows: z.object({ total: z.number().int(), invalid: z.number().int() }),
  errors: z.object({ count: z.number().int(), first: z.array(importErrorItem) }),
  items: z.object({ total: z.number().int(), existing: z.number().int() }).describe('Transactions (or employees) in the file, and those the ledger has already (left unchanged)'),
  newProducts: z.array(newProduct),
  progress: z.object({
    done: z.number().int(),
    total: z.number().int(),
    written: z.number().int(),
    failed: z.number().int(),
    commitStartedAt: z.string().nullable(),
    committedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  }),
  createdAt: z.string(),
});

const assignTo = z.union([
  z.strictObject({ productId: z.string().min(1).max(200) }),
  z.strictObject({ taxCategory: z.string().min(1).max(100) }),
]);

export const assignBody = assignTo;

export const assignBatchBody = z
  .strictObject({
    assignments: z.array(z.strictObject({ productId: z.string().min(1).max(200), assignTo })).max(10_000).optional(),
    /** Every product id still unassigned. */
    rest: assignTo.optional(),
  })
  .refine((b) => b.assignments !== undefined || b.rest !== undefined, { message: 'give assignments, rest, or both', path: ['assignments'] });
