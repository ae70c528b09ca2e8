import { Option } from 'commander';

/** Every command that reads or writes stored data takes the same data directory. */
export function dataDirOption(): Option {
  return new Option('--data-dir <dir>', 'data directory (imported rate tables)').default('./.levy');
}
