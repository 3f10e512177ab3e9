import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createMessage,
  decodeMessage,
  DELIMITER,
  encodeMessage,
  signFrames
} from '../../kernel-lib/runner/jupyter-message';

test('signFrames is HMAC-SHA256 over the concatenated frames (RFC 4231 test case 2)', () => {
  // key "Jefe", data "what do ya want for nothing?" split over four frames
  const frames = ['what do ', 'ya want ', 'for ', 'nothing?'];
  assert.equal(signFrames('Jefe', frames), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(signFrames('', frames), '', 'an empty key disables signing');
});

test('encodeMessage puts the delimiter, signature and four JSON frames in order', () => {
  const message = createMessage('execute_request', { code: '1 + 1' }, 'session-1');
  const frames = encodeMessage('Jefe', message);
  assert.equal(frames.length, 6);
  assert.equal(frames[0], DELIMITER);
  assert.equal(frames[1], signFrames('Jefe', frames.slice(2)));
  assert.deepEqual(JSON.parse(frames[2]).msg_type, 'execute_request');
  assert.equal(JSON.parse(frames[2]).session, 'session-1');
  assert.equal(JSON.parse(frames[2]).version, '5.3');
  assert.deepEqual(JSON.parse(frames[3]), {});
  assert.deepEqual(JSON.parse(frames[5]), { code: '1 + 1' });
});

test('decodeMessage skips routing ids, verifies the signature and rejects tampering', () => {
  const message = createMessage('kernel_info_request', {}, 's');
  const wire = [Buffer.from('routing-id'), ...encodeMessage('k3y', message).map((frame) => Buffer.from(frame))];
  const decoded = decodeMessage('k3y', wire);
  assert.equal(decoded.header.msg_id, message.header.msg_id);
  assert.deepEqual(decoded.content, {});

  const tampered = [...wire];
  tampered[6] = Buffer.from('{"evil":true}');
  assert.throws(() => decodeMessage('k3y', tampered), /bad HMAC/);
  assert.throws(() => decodeMessage('other-key', wire), /bad HMAC/);
  assert.throws(() => decodeMessage('k3y', wire.slice(2)), /no delimiter/);
});

test('createMessage gives every message its own id', () => {
  const a = createMessage('x', {}, 's');
  const b = createMessage('x', {}, 's');
  assert.notEqual(a.header.msg_id, b.header.msg_id);
});
