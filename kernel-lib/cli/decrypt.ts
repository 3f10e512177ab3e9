import { parseArgs } from 'node:util';
import type { Command } from './command';
import { InputError } from '../util/errors';
import { exitCleanlyOnSignals } from '../util/private-temp';
import { decryptDrop } from '../acquire/decrypt-drop';

const help = `usage: samced decrypt FILE|DIR [--key FILE] [--out DIR] [--delete-originals]

Decrypts edX deliveries (OpenPGP, as GnuPG writes them) and unpacks them into the drop layout:
  {org}-{site}-events-{date}.log.gz.gpg
                                 -> the same without .gpg (stays gzipped)
  {org}-{date}/X.gpg             -> {org}-{date}/X (an export folder unpacked by hand)
  {org}-{date}.zip               -> {org}-{date}/ with every member decrypted
  {date}-{org}-tracking.tar      -> edx-course-data/{org}/{site}/events/{YYYY}/
                                    {org}-{site}-events-{date}.log.gz, one per day, the app
                                    servers' lines merged (exact duplicates dropped, by time)
A folder is searched recursively; only files with these edX delivery names are touched, others
(e.g. credentials.csv.gpg) are left alone with a notice. A FILE named on its own may be any
X.gpg (-> X) or X.zip. Inputs whose output already exists are skipped, so running it again is
harmless. Outputs appear only once complete and verified; temporary files of an interrupted
run are removed by the next one.

options:
  --key FILE           private key, armored or binary (default: $SAMCED_GPG_KEY, armored text)
  --out DIR            write outputs below DIR, mirroring the input layout (default: in place)
  --delete-originals   delete each input once its output is complete (default: keep them all)
  --keep-encrypted     keep the inputs: the default (kept for old scripts)

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
        'delete-originals': { type: 'boolean' },
        'keep-encrypted': { type: 'boolean' }
      }
    });
    if (positionals.length !== 1)
      throw new InputError('give exactly one file or folder to decrypt (see samced decrypt --help)');
    if (values['delete-originals'] && values['keep-encrypted'])
      throw new InputError('--delete-originals and --keep-encrypted contradict each other');
    exitCleanlyOnSignals(); // Ctrl-C or SIGTERM: no temporary plaintext stays next to the outputs
    await decryptDrop(
      positionals[0]!,
      { keyFile: values.key, out: values.out, deleteOriginals: values['delete-originals'] },
      effects
    );
    return 0;
  }
};
