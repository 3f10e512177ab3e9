import { parseArgs } from 'node:util';
import type { Command } from './command';
import { InputError } from '../util/errors';
import { exitCleanlyOnSignals } from '../util/private-temp';
import { lazyDecryptor } from '../acquire/lazy-decryptor';
import { indexEvents } from '../load/event-store/index-run';
import { readingOptions } from './course-args';

const help = `usage: samced index --data <drop dir> --org <org> [--store <dir>] [options]

Reads every daily tracking-log file of the org in the drop once (all sites, both course id
formats, .gpg files decrypted in place with --key) and writes the events of every course into an
event store: plain Hive-partitioned Parquet, <store>/events/course=<course key>/day=<YYYY-MM-DD>/,
with <store>/ledger.json listing each file read (path, size, time, SHA-256, lines, events per
course). Run it again after new deliveries: it reads only the files that are new or changed (size,
time and digest); a changed file's partitions are replaced. Memory stays bounded whatever the
drop's size (one file at a time, cut in segments on the disk, DuckDB within --memory-limit).
The store holds personal data (usernames, IP addresses, sessions): owner-only (0700/0600).
One run writes a store at a time (<store>/index.lock). An interrupted run (Ctrl-C, kill -9) leaves
no partition that the ledger does not name once the next run has started: it removes them and reads
those files again.

options:
  --data <dir>          the drop: holds edx-course-data/ (daily logs)
  --org <org>           organisation, as in the drop's folder and file names (e.g. SamcedX)
  --store <dir>         the store folder (default <data>/event-store/<org in lower case>)
  --site <site>         read only this event site (edx, edge, prod); repeatable; default all
  --skip-bad-lines      skip and count unreadable lines and truncated files instead of failing
                        (the ledger lists each skipped line's number and reason)
  --max-line-mb <n>     an event line longer than n MB is a bad line (default 32)
  --key <file>          OpenPGP private key for .gpg daily files (or the armored key in
                        $SAMCED_GPG_KEY); passphrase from $SAMCED_GPG_PASSPHRASE, else the file
                        named by $SAMCED_GPG_PASSPHRASE_FILE, else a prompt; never written anywhere
  --threads <n>         DuckDB threads (default: all cores)
  --memory-limit <size> DuckDB memory limit, e.g. 2GB (default 1GB; it spills to disk beyond it)`;

export const indexCommand: Command = {
  name: 'index',
  summary: 'index an org’s daily event logs into a partitioned Parquet event store (new files only)',
  help,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        org: { type: 'string' },
        store: { type: 'string' },
        site: { type: 'string', multiple: true },
        'skip-bad-lines': { type: 'boolean' },
        'max-line-mb': { type: 'string' },
        key: { type: 'string' },
        threads: { type: 'string' },
        'memory-limit': { type: 'string' }
      }
    });
    if (!values.data) throw new InputError('give --data <drop dir>');
    if (!values.org) throw new InputError('give --org <org>');
    const reading = readingOptions(values);
    exitCleanlyOnSignals(); // Ctrl-C or SIGTERM: the cut files and the partitions being written go
    const report = await indexEvents(
      {
        data: values.data,
        org: values.org,
        store: values.store,
        sites: values.site,
        skipBadLines: values['skip-bad-lines'],
        ...reading,
        decrypt: lazyDecryptor({ keyFile: values.key })
      },
      effects
    );
    process.stdout.write(report.store + '\n');
    return 0;
  }
};
