/**
 * The embedded sample's PUBLIC demo key (`data/keys/DEMO-ONLY-secret-key.asc`): its fingerprint and
 * its published passphrase. Recognised by fingerprint only, so no other key is ever unlocked with
 * it; it lets the sample open without a passphrase written into a notebook or a report.
 */
export const DEMO_KEY_FINGERPRINT = '9223aca92b6d9f5b10520b18124fc70cf3ea8d8f';
export const DEMO_KEY_PASSPHRASE = 'samced-demo-passphrase';
