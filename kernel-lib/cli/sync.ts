import { parseArgs } from 'node:util';
import type { Command } from './command';
import { InputError } from '../util/errors';
import { syncDrop } from '../acquire/s3-sync';

const help = `usage: samced sync --org ORG --dest DIR [options]

Downloads an organisation's new or changed edX deliveries from S3 into DIR:
  DIR/course-data/{org}-{date}.zip                 weekly database exports (and legacy
  DIR/course-data/{date}-{org}-tracking.tar        weekly tracking tars, 2013-2014)
  DIR/edx-course-data/{org}/{site}/events/{YYYY}/{org}-{site}-events-{date}.log.gz.gpg
What was downloaded is remembered in DIR/.samced-sync-state.json (key, size, ETag), so a
second run only fetches new or changed objects and an interrupted run resumes.

options:
  --org ORG              edX organisation, e.g. ChalmersX (required)
  --dest DIR             local drop folder (required)
  --since YYYY-MM-DD     only files whose name carries this date or a later one
  --site SITE            edx, edge or prod; repeat for several (default: all three)
  --backup DIR           also copy each newly downloaded file to DIR (same layout)
  --course-bucket NAME   bucket of the weekly zips (default course-data)
  --events-bucket NAME   bucket of the daily event files (default edx-course-data)
  --endpoint URL         S3-compatible endpoint (path-style addressing)
  --region REGION        AWS region (default: AWS_REGION or your AWS profile)
  --retries N            retries per file, resumed with Range requests (default 3)
  --decrypt              decrypt and unpack afterwards (as 'samced decrypt DIR')
  --key FILE             private key for --decrypt (default: $SAMCED_GPG_KEY)
  --keep-encrypted       with --decrypt: keep the encrypted files

Secrets come from the environment or a file, never from the command line, and are never
written to the drop, the sync state file or the log: S3 credentials from the standard AWS chain
(aws configure / ~/.aws/credentials, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE);
the key from --key FILE (mode 600) or $SAMCED_GPG_KEY; its passphrase from
$SAMCED_GPG_PASSPHRASE, else the file named by $SAMCED_GPG_PASSPHRASE_FILE, else a prompt.
Exit status 1 when some files failed to download.`;

export const syncCommand: Command = {
  name: 'sync',
  summary: 'download new edX deliveries from S3 (course-data zips, daily event logs)',
  help,
  async run(args, effects) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        org: { type: 'string' },
        dest: { type: 'string' },
        since: { type: 'string' },
        site: { type: 'string', multiple: true },
        backup: { type: 'string' },
        'course-bucket': { type: 'string' },
        'events-bucket': { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        retries: { type: 'string' },
        'max-keys': { type: 'string' },
        decrypt: { type: 'boolean' },
        key: { type: 'string' },
        'keep-encrypted': { type: 'boolean' }
      }
    });
    if (positionals.length > 0)
      throw new InputError(`unexpected argument '${positionals[0]}' (see samced sync --help)`);
    if (!values.org) throw new InputError('--org is required (see samced sync --help)');
    if (!values.dest) throw new InputError('--dest is required (see samced sync --help)');
    const count = (name: string, text: string | undefined): number | undefined => {
      if (text === undefined) return undefined;
      if (!/^\d+$/.test(text)) throw new InputError(`--${name} must be a whole number, got '${text}'`);
      return Number(text);
    };
    const summary = await syncDrop(
      {
        org: values.org,
        dest: values.dest,
        since: values.since,
        sites: values.site,
        backup: values.backup,
        courseBucket: values['course-bucket'],
        eventsBucket: values['events-bucket'],
        endpoint: values.endpoint,
        region: values.region,
        retries: count('retries', values.retries),
        maxKeys: count('max-keys', values['max-keys']),
        decrypt: values.decrypt,
        keyFile: values.key,
        keepEncrypted: values['keep-encrypted']
      },
      effects
    );
    return summary.failed.length > 0 ? 1 : 0;
  }
};
