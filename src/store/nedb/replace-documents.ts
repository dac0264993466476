import { nedbOf, type Collection } from './datastores';

/**
 * Removes the documents with `removedIds` and inserts `added`, as two NeDB operations queued back to
 * back: NeDB runs its operations in order, so no other write can land between them, and the insert
 * of an array is all or nothing. (Queued on the datastore itself: nedb-promises would first await
 * its load, letting another operation in between.)
 */
export async function replaceDocuments(collection: Collection, removedIds: readonly string[], added: readonly object[]): Promise<void> {
  const datastore = nedbOf(collection);
  const removing = removedIds.length > 0 ? datastore.removeAsync({ _id: { $in: [...removedIds] } }, { multi: true }) : undefined;
  const inserting = added.length > 0 ? datastore.insertAsync([...added]) : undefined;
  await Promise.all([removing, inserting]);
}
