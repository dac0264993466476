/** The store cannot start: a damaged data file or a data folder another process holds. */
export class StoreLoadError extends Error {
  override name = 'StoreLoadError';
}
