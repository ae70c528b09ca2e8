import type { Command } from 'commander';
import { SELLER_ID } from '../auth/keys.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../store/sellers.repository.js';
import { reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';
import { withStore } from './store.js';

export function registerApiKey(program: Command): void {
  const keys = program.command('api-key').description('API keys of sellers (stored hashed; a key is shown once)');
  keys
    .command('create')
    .description('create a key, and the seller if it is new; the key is the last line printed')
    .requiredOption('--seller <id>', 'seller id (letters, digits, _ . -)')
    .option('--name <name>', 'what the key is for')
    .addOption(dataDirOption())
    .action(async (opts: { seller: string; name?: string; dataDir: string }) => {
      try {
        if (!SELLER_ID.test(opts.seller)) throw new UsageError(`--seller ${opts.seller}: use up to 64 letters, digits, _ . or -`);
        const { key, keyId } = await withStore(opts.dataDir, (store) => createApiKey(store.db, opts.seller, opts.name));
        process.stdout.write(`created ${keyId} for seller ${opts.seller}; it is shown once, keep it now:\n${key}\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
  keys
    .command('list')
    .description('list keys (ids and names, never secrets)')
    .option('--seller <id>', 'only this seller')
    .addOption(dataDirOption())
    .action(async (opts: { seller?: string; dataDir: string }) => {
      try {
        const rows = await withStore(opts.dataDir, (store) => listApiKeys(store.db, opts.seller));
        if (rows.length === 0) process.stdout.write('no API keys\n');
        for (const r of rows) {
          process.stdout.write(`${r.sellerId}/${r.keyId}  ${r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : 'active'}  created ${r.createdAt.toISOString()}  ${r.lastUsedAt ? `last used ${r.lastUsedAt.toISOString()}` : 'never used'}${r.name ? `  ${r.name}` : ''}\n`);
        }
      } catch (error) {
        reportFailure(error);
      }
    });
  keys
    .command('revoke')
    .description('revoke a key: it stops working at once')
    .argument('<key>', 'the key id as listed (<sellerId>/<keyId>), or the whole key')
    .addOption(dataDirOption())
    .action(async (key: string, opts: { dataDir: string }) => {
      try {
        const [sellerId, keyId] = key.split('/');
        if (!sellerId || !keyId) throw new UsageError('give the key as <sellerId>/<keyId> (see levy api-key list)');
        const revoked = await withStore(opts.dataDir, (store) => revokeApiKey(store.db, sellerId, keyId));
        if (!revoked) throw new UsageError(`no active key ${sellerId}/${keyId}`);
        process.stdout.write(`revoked ${sellerId}/${keyId}\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
}
