import { parseArgs } from 'node:util';
import type { Command } from './command';
import { InputError } from '../util/errors';
import { decryptDrop } from '../acquire/decrypt-drop';

const help = `usage: samced decrypt FILE|DIR [--key FILE] [--out DIR] [--keep-encrypted]

Decrypts edX deliveries (OpenPGP, as GnuPG writes them) and unpacks them into the drop layout:
  X.gpg                          -> X            (X.log.gz.gpg -> X.log.gz, stays gzipped)
  {org}-{date}.zip               -> {org}-{date}/ with every member decrypted
  {date}-{org}-tracking.tar      -> edx-course-data/{org}/{site}/events/{YYYY}/
                                    {org}-{site}-events-{date}.log.gz, one per day, the app
                                    servers' lines merged (exact duplicates dropped, by time)
A folder is searched recursively. Inputs whose output already exists are skipped, so running
it again is harmless. Outputs appear only once complete and verified.

options:
  --key FILE         private key, armored or binary (default: $SAMCED_GPG_KEY, armored text)
  --out DIR          write outputs below DIR, mirroring the input layout (default: in place)
  --keep-encrypted   keep the encrypted inputs (default: delete each once decrypted)

Secrets come from the environment or a file, never from the command line, and are never
written to an output or the log: the key from --key FILE (mode 600) or $SAMCED_GPG_KEY; its
passphrase from $SAMCED_GPG_PASSPHRASE, else the file named by $SAMCED_GPG_PASSPHRASE_FILE,
else a prompt on a terminal.`;

export const decryptCommand: Command = {
  name: 'decrypt',
  summary: 'decrypt OpenPGP files (and unpack database zips) into the drop layout',
  help,
  async run(args, effects) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        out: { type: 'string' },
        'keep-encrypted': { type: 'boolean' }
      }
    });
    if (positionals.length !== 1) throw new InputError('give exactly one file or folder to decrypt (see samced decrypt --help)');
    await decryptDrop(positionals[0]!, { keyFile: values.key, out: values.out, keepEncrypted: values['keep-encrypted'] }, effects);
    return 0;
  }
};
