import { S3Client } from '@aws-sdk/client-s3';

/** What `samced sync` lets a user set about the S3 connection; everything else comes from the AWS chain. */
export interface S3ConnectionOptions {
  /** An S3-compatible endpoint (`http://127.0.0.1:4568`); path-style addressing is then used. */
  endpoint?: string;
  /** The region. Default: the AWS chain ($AWS_REGION, the profile's region in ~/.aws/config). */
  region?: string;
}

/**
 * An S3 client: the AWS SDK's `S3Client`. Public declarations name it only this opaquely, so that
 * loading them (a notebook's first import) does not read the SDK's megabytes of types.
 */
export interface S3ClientHandle {
  send(command: never): Promise<unknown>;
}

/** Makes the S3 client sync uses (an `S3Client`); tests pass one that points at a local server. */
export type S3ClientFactory = (options: S3ConnectionOptions) => S3ClientHandle;

/**
 * The default client: credentials and region from the standard AWS chain (environment,
 * ~/.aws/credentials and config, SSO, instance roles), `forcePathStyle` when an endpoint is
 * given, and checksums only when an operation requires them (S3-compatible servers such as
 * s3rver store the SDK's default aws-chunked CRC trailer verbatim otherwise).
 */
export const createS3Client: S3ClientFactory = (options) =>
  new S3Client({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
