import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** The contents of a Jupyter kernel connection file. */
export interface ConnectionInfo {
  transport: 'tcp';
  ip: string;
  key: string;
  signature_scheme: 'hmac-sha256';
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  kernel_name: string;
}

/** Asks the OS for a free TCP port on `ip` (there is a small race until the kernel binds it). */
export function freePort(ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, ip, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port on ' + ip))));
    });
  });
}

/** Connection info on 127.0.0.1 with five free ports and a random 256-bit key. */
export async function createConnectionInfo(kernelName = 'tslab'): Promise<ConnectionInfo> {
  const ip = '127.0.0.1';
  const ports: number[] = [];
  while (ports.length < 5) {
    const port = await freePort(ip);
    if (!ports.includes(port)) ports.push(port);
  }
  const [shell, iopub, stdin, control, hb] = ports;
  return {
    transport: 'tcp',
    ip,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    kernel_name: kernelName
  };
}

/** `tcp://ip:port` for one of the channels. */
export function channelAddress(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}
