/** Commands that touch the store: open it the way `levy serve` does, report lock conflicts plainly. */
import { DataDirLockedError } from '../store/lock.js';
import { openStore, storeOptions, type Store } from '../store/open.js';
import { UsageError } from './io.js';

export async function withStore<T>(dataDir: string, work: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(storeOptions(dataDir));
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UsageError(error.message);
    throw error;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
