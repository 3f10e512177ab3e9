import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Jupyter messaging protocol v5 wire format: frames are
 * `[...routing ids, "<IDS|MSG>", hmac, header, parent_header, metadata, content, ...buffers]`,
 * where hmac is HMAC-SHA256 (hex) over the four JSON frames in that order.
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 */
export const DELIMITER = '<IDS|MSG>';

/** The protocol version this client speaks. */
export const PROTOCOL_VERSION = '5.3';

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface JupyterMessage<C = Record<string, unknown>> {
  header: MessageHeader;
  /** The header of the request this message answers; `{}` for none. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
}

/** Builds a new request message with a fresh msg_id. */
export function createMessage<C>(msgType: string, content: C, session: string): JupyterMessage<C> {
  return {
    header: {
      msg_id: randomUUID(),
      session,
      username: 'samced',
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION
    },
    parent_header: {},
    metadata: {},
    content
  };
}

/** HMAC-SHA256 hex signature of the JSON frames; '' when the key is empty (signing disabled). */
export function signFrames(key: string, frames: Array<string | Buffer>): string {
  if (key === '') return '';
  const hmac = createHmac('sha256', key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest('hex');
}

/** Serialises a message to wire frames (without routing ids). */
export function encodeMessage(key: string, message: JupyterMessage<unknown>): string[] {
  const body = [
    JSON.stringify(message.header),
    JSON.stringify(message.parent_header),
    JSON.stringify(message.metadata),
    JSON.stringify(message.content)
  ];
  return [DELIMITER, signFrames(key, body), ...body];
}

/**
 * Parses wire frames into a message, verifying the signature. Throws when the delimiter is
 * missing or the signature does not match.
 */
export function decodeMessage(key: string, frames: Buffer[]): JupyterMessage {
  const at = frames.findIndex((frame) => frame.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) throw new Error('malformed Jupyter message: no delimiter or too few frames');
  const signature = frames[at + 1].toString();
  const body = frames.slice(at + 2, at + 6);
  const expected = signFrames(key, body);
  if (key !== '' && !sameText(signature, expected)) throw new Error('Jupyter message with a bad HMAC signature');
  const [header, parent, metadata, content] = body.map((frame) => JSON.parse(frame.toString()) as unknown);
  return {
    header: header as MessageHeader,
    parent_header: parent as Partial<MessageHeader>,
    metadata: metadata as Record<string, unknown>,
    content: content as Record<string, unknown>
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
