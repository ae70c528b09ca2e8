import type { Command } from 'commander';
import { Option } from 'commander';
import { SELLER_ID } from '../auth/keys.js';
import { setPasswordUrl } from '../auth/sessions.js';
import { normalizePublicUrl } from '../api/public-url.js';
import { createUser } from '../store/users.repository.js';
import type { UserRole } from '../store/schema.js';
import { reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';
import { withStore } from './store.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function registerUser(program: Command): void {
  const users = program.command('user').description('people who sign in to the dashboard');
  users
    .command('create')
    .description('create a user, and the seller if it is new; prints the one-time link that sets the password (7 days, single use)')
    .requiredOption('--seller <id>', 'seller id (letters, digits, _ . -)')
    .requiredOption('--email <email>', 'the address the user signs in with (unique across the deployment)')
    .addOption(new Option('--role <role>', 'admin or member').choices(['admin', 'member']).default('admin'))
    .addOption(new Option('--public-url <url>', 'the address people reach the server at, the link\'s base (default http://localhost:8080)').env('LEVY_PUBLIC_URL'))
    .addOption(dataDirOption())
    .action(async (opts: { seller: string; email: string; role: UserRole; publicUrl?: string; dataDir: string }) => {
      try {
        if (!SELLER_ID.test(opts.seller)) throw new UsageError(`--seller ${opts.seller}: use up to 64 letters, digits, _ . or -`);
        if (!EMAIL.test(opts.email)) throw new UsageError(`--email ${opts.email} is not an email address`);
        let base: string;
        try {
          base = normalizePublicUrl(opts.publicUrl ?? 'http://localhost:8080');
        } catch (error) {
          throw new UsageError(`--public-url (or LEVY_PUBLIC_URL): ${(error as Error).message}`);
        }
        const { user, token } = await withStore(opts.dataDir, (store) => createUser(store.db, opts.seller, opts.email, opts.role));
        process.stdout.write(
          `created ${user.role} ${user.email} (${user.id}) for seller ${opts.seller}; the link sets the password once, within 7 days:\n${setPasswordUrl(base, token)}\n`,
        );
      } catch (error) {
        reportFailure(error);
      }
    });
}
