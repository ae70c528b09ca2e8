/** The import routes' answers, as src/api/import-schemas.ts and src/api/nexus-schemas.ts (employee) define them; products and tax categories are in settings-types.ts. */
export type ImportKind = 'transactions' | 'employees';

export type ImportStatus = 'validating' | 'invalid' | 'validated' | 'committing' | 'committed' | 'completed' | 'failed';

export interface ImportError {
  row: number;
  column: string | null;
  code: string;
  message: string;
  phase: 'validation' | 'commit';
}

/** Where a new product id goes: an existing product (it becomes one of its external ids) or a new product of a tax category. */
export type AssignTarget = { productId: string } | { taxCategory: string };

export interface NewProduct {
  productId: string;
  rows: number;
  assignedTo: AssignTarget | null;
}

export interface ImportView {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string | null;
  message: string;
  rows: { total: number; invalid: number };
  errors: { count: number; first: ImportError[] };
  items: { total: number; existing: number };
  newProducts: NewProduct[];
  progress: {
    done: number;
    total: number;
    written: number;
    failed: number;
    commitStartedAt: string | null;
    committedAt: string | null;
    completedAt: string | null;
  };
  createdAt: string;
}

export interface Employee {
  id: string;
  name: string | null;
  region: string;
  country: string;
  startDate: string;
  endDate: string | null;
}
