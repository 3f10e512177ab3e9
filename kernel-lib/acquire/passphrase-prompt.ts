/**
 * Asks for a passphrase on the terminal without echoing it. Only used when stdin and stderr are
 * a TTY; otherwise the caller must take the passphrase from the environment.
 */

/** True when a passphrase prompt can be shown (stdin and stderr are both a terminal). */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * Writes `question` to stderr and reads one line from the terminal in raw mode, echoing nothing.
 * Ctrl-C or Ctrl-D rejects. Resolves with the line typed (without the newline).
 */
export function promptPassphrase(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const wasRaw = stdin.isRaw;
    const finish = (error?: Error): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish(new Error('passphrase prompt cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
