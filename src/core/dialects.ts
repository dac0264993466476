/**
 * The dialects the gateway speaks and the vendors behind them.
 *
 * A vendor is a separate system with its own data; a dialect is one documented API of a vendor.
 * SuperSend has two dialects (v1 and v2) over one store.
 */
export const DIALECT_IDS = ['attention-v2', 'kirim', 'supersend-v1', 'supersend-v2', 'jasni'] as const;
export type DialectId = (typeof DIALECT_IDS)[number];

export const VENDOR_IDS = ['attention', 'kirim', 'supersend', 'jasni'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export const VENDOR_OF: { readonly [D in DialectId]: VendorId } = {
  'attention-v2': 'attention',
  kirim: 'kirim',
  'supersend-v1': 'supersend',
  'supersend-v2': 'supersend',
  jasni: 'jasni',
};

/** Path prefix under which each vendor is served: `/kirim/v1/labels` answers like `https://api…/v1/labels`. */
export const VENDOR_PREFIX: { readonly [V in VendorId]: string } = {
  attention: '/attention',
  kirim: '/kirim',
  supersend: '/supersend',
  jasni: '/jasni',
};

export function isDialectId(value: string): value is DialectId {
  return (DIALECT_IDS as readonly string[]).includes(value);
}

export function dialectsOf(vendor: VendorId): DialectId[] {
  return DIALECT_IDS.filter((dialect) => VENDOR_OF[dialect] === vendor);
}
