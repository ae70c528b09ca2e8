/**
 * The answers the Products and Settings screens read, as the API's zod
 * schemas define them (src/api/schemas.ts, session-schemas.ts,
 * nexus-schemas.ts).
 */
export type UnknownProduct = 'error' | 'default';
export type AddressValidation = 'strict' | 'lenient';
export type Role = 'admin' | 'member';

export interface SellerSettings {
  accountingTimeZone: string;
  defaultProductId: string | null;
  unknownProduct: UnknownProduct;
  addressValidation: AddressValidation;
  nexusLookbackYears: number;
  backfillCompletedAt: string | null;
}

export interface Product {
  id: string;
  name: string | null;
  taxCategory: string;
  externalIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface TaxCategory {
  id: string;
  name: string;
  description: string;
  avataxCode: string;
  taxjarCode: string;
}

export interface ApiKey {
  id: string;
  name: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** To within an hour. */
  lastUsedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface User {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  passwordSet: boolean;
}

export interface CreatedUser extends User {
  setPasswordUrl: string;
}

export interface AlertChannels {
  email: {
    to: string[];
    from: string;
    smtp: { host: string; port: number; secure: boolean; username: string | null; passwordSet: boolean };
  } | null;
  webhook: { url: string; secret?: string } | null;
}
