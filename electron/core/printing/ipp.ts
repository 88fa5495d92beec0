// Just enough IPP (RFC 8010/8011) to ask CUPS about one job and to purge it. The command-line
// tools cannot do the second: `cancel -x` refuses a job that has already completed, and CUPS
// keeps a completed job's document in its spool for a day by default (PreserveJobFiles). Our
// documents carry a plaintext password, so once a job is done we send Cancel-Job with
// purge-job=true, which deletes the spooled copy and the job's history entry. `ipptool` could
// send it too, but it ships in a separate package (cups-ipp-utils) that office machines lack.
import { request, type IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

const OP = { cancelJob: 0x0008, getJobAttributes: 0x0009, getJobs: 0x000a } as const;
const TAG = {
  operation: 0x01,
  jobGroup: 0x02,
  end: 0x03,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  uri: 0x45,
  keyword: 0x44,
  name: 0x42,
  charset: 0x47,
  language: 0x48,
} as const;

/** RFC 8011 job-state values. */
export const JOB_STATE = {
  pending: 3,
  held: 4,
  processing: 5,
  stopped: 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
} as const;

type Attributes = Map<string, (string | number | boolean)[]>;

export interface IppResponse {
  status: number;
  /** Every attribute, all groups merged (enough for single-object answers). */
  attributes: Attributes;
  /** Each job-attributes group on its own (Get-Jobs answers one per job). */
  jobs: Attributes[];
}

type Value = { tag: number; value: string | number | boolean };

function attr(name: string, values: Value[]): Buffer {
  const parts: Buffer[] = [];
  values.forEach((v, i) => {
    const n = Buffer.from(i === 0 ? name : '', 'utf8');
    let data: Buffer;
    if (v.tag === TAG.boolean) data = Buffer.from([v.value ? 1 : 0]);
    else if (v.tag === TAG.integer || v.tag === TAG.enum) {
      data = Buffer.alloc(4);
      data.writeInt32BE(Number(v.value));
    } else data = Buffer.from(String(v.value), 'utf8');
    const head = Buffer.alloc(3);
    head.writeUInt8(v.tag, 0);
    head.writeUInt16BE(n.length, 1);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(data.length);
    parts.push(head, n, len, data);
  });
  return Buffer.concat(parts);
}

export function encodeRequest(operation: number, requestId: number, attrs: Buffer[]): Buffer {
  const head = Buffer.alloc(9);
  head.writeUInt16BE(0x0200, 0); // IPP/2.0
  head.writeUInt16BE(operation, 2);
  head.writeUInt32BE(requestId, 4);
  head.writeUInt8(TAG.operation, 8);
  return Buffer.concat([head, ...attrs, Buffer.from([TAG.end])]);
}

export function decodeResponse(buf: Buffer): IppResponse {
  if (buf.length < 8) throw new Error('IPP response too short');
  const status = buf.readUInt16BE(2);
  const attributes: Attributes = new Map();
  const jobs: Attributes[] = [];
  let group: Attributes | null = null;
  let pos = 8;
  let last = '';
  while (pos < buf.length) {
    const tag = buf.readUInt8(pos++);
    if (tag === TAG.end) break;
    if (tag < 0x10) {
      group = tag === TAG.jobGroup ? new Map() : null;
      if (group) jobs.push(group);
      continue;
    }
    const nameLen = buf.readUInt16BE(pos);
    pos += 2;
    const name = nameLen ? buf.toString('utf8', pos, pos + nameLen) : last;
    pos += nameLen;
    const valueLen = buf.readUInt16BE(pos);
    pos += 2;
    const raw = buf.subarray(pos, pos + valueLen);
    pos += valueLen;
    let value: string | number | boolean;
    if ((tag === TAG.integer || tag === TAG.enum) && valueLen === 4) value = raw.readInt32BE(0);
    else if (tag === TAG.boolean && valueLen === 1) value = raw.readUInt8(0) !== 0;
    else value = raw.toString('utf8');
    for (const target of group ? [attributes, group] : [attributes]) {
      const list = target.get(name) ?? [];
      list.push(value);
      target.set(name, list);
    }
    last = name;
  }
  return { status, attributes, jobs };
}

/** Where the local scheduler listens: CUPS_SERVER if set, else its usual domain sockets. */
function endpoint(): { socketPath: string } | { host: string; port: number } {
  const server = process.env.CUPS_SERVER;
  if (server?.startsWith('/')) return { socketPath: server };
  if (server) {
    const [host = 'localhost', port = '631'] = server.split(':');
    return { host, port: Number(port) };
  }
  for (const p of ['/run/cups/cups.sock', '/var/run/cups/cups.sock', '/private/var/run/cupsd']) {
    if (existsSync(p)) return { socketPath: p };
  }
  return { host: 'localhost', port: 631 };
}

function post(
  body: Buffer,
  path: string,
  auth?: string,
): Promise<{ res: IncomingMessage; data: Buffer }> {
  const where = endpoint();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...where,
        method: 'POST',
        path,
        headers: {
          // cupsd refuses a Host it does not answer to; over the socket it is always localhost.
          Host: 'host' in where ? where.host : 'localhost',
          'Content-Type': 'application/ipp',
          'Content-Length': body.length,
          ...(auth ? { Authorization: auth } : {}),
        },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ res, data: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('CUPS did not answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

let requestId = 1;

/**
 * Sends one operation. On the local domain socket CUPS asks the client to prove who it is
 * with "PeerCred": the kernel tells cupsd the connecting uid, so no password is involved.
 */
async function call(operation: number, path: string, attrs: Buffer[]): Promise<IppResponse> {
  const body = encodeRequest(operation, requestId++, attrs);
  let { res, data } = await post(body, path);
  if (res.statusCode === 401) {
    const challenge = String(res.headers['www-authenticate'] ?? '');
    if (!/PeerCred/i.test(challenge))
      throw new Error(`CUPS asks for authentication (${challenge || 'no scheme'})`);
    ({ res, data } = await post(body, path, `PeerCred ${userInfo().username}`));
  }
  if (res.statusCode !== 200) throw new Error(`CUPS answered HTTP ${res.statusCode ?? '?'}`);
  return decodeResponse(data);
}

function baseAttrs(uriName: string, uri: string): Buffer[] {
  return [
    attr('attributes-charset', [{ tag: TAG.charset, value: 'utf-8' }]),
    attr('attributes-natural-language', [{ tag: TAG.language, value: 'en' }]),
    attr(uriName, [{ tag: TAG.uri, value: uri }]),
    attr('requesting-user-name', [{ tag: TAG.name, value: userInfo().username }]),
  ];
}

function jobOperationAttrs(jobId: number): Buffer[] {
  return baseAttrs('job-uri', `ipp://localhost/jobs/${jobId}`);
}

/** This user's finished jobs that CUPS still keeps (and so may still keep the document of). */
export async function myFinishedJobs(): Promise<{ id: number; name: string }[]> {
  const r = await call(OP.getJobs, '/', [
    ...baseAttrs('printer-uri', 'ipp://localhost/'),
    attr('which-jobs', [{ tag: TAG.keyword, value: 'completed' }]),
    attr('my-jobs', [{ tag: TAG.boolean, value: true }]),
    attr('requested-attributes', [
      { tag: TAG.keyword, value: 'job-id' },
      { tag: TAG.keyword, value: 'job-name' },
    ]),
  ]);
  if (r.status >= 0x0100 && r.status !== 0x0406) {
    throw new Error(`Get-Jobs failed with IPP status 0x${r.status.toString(16)}`);
  }
  return r.jobs.flatMap((j) => {
    const id = j.get('job-id')?.[0];
    return typeof id === 'number' ? [{ id, name: String(j.get('job-name')?.[0] ?? '') }] : [];
  });
}

export interface JobStatus {
  state: number;
  name: string;
  reasons: string[];
  message: string;
}

/** The job's state, or null if CUPS no longer knows the job (purged, or history expired). */
export async function getJobStatus(jobId: number): Promise<JobStatus | null> {
  const r = await call(OP.getJobAttributes, '/jobs/', [
    ...jobOperationAttrs(jobId),
    attr('requested-attributes', [
      { tag: TAG.keyword, value: 'job-state' },
      { tag: TAG.keyword, value: 'job-state-reasons' },
      { tag: TAG.keyword, value: 'job-state-message' },
      { tag: TAG.keyword, value: 'job-name' },
    ]),
  ]);
  if (r.status === 0x0406) return null; // client-error-not-found
  if (r.status >= 0x0100)
    throw new Error(`Get-Job-Attributes failed with IPP status 0x${r.status.toString(16)}`);
  const state = r.attributes.get('job-state')?.[0];
  if (typeof state !== 'number') throw new Error('CUPS returned no job-state');
  return {
    state,
    name: String(r.attributes.get('job-name')?.[0] ?? ''),
    reasons: (r.attributes.get('job-state-reasons') ?? []).map(String),
    message: String(r.attributes.get('job-state-message')?.[0] ?? ''),
  };
}

/**
 * Deletes the job's spooled document and history entry. Works on a completed job too; on an
 * active one it would cancel it, so callers purge only finished jobs. A job CUPS no longer
 * knows counts as purged.
 */
export async function purgeJob(jobId: number): Promise<void> {
  const r = await call(OP.cancelJob, '/jobs/', [
    ...jobOperationAttrs(jobId),
    attr('purge-job', [{ tag: TAG.boolean, value: true }]),
  ]);
  if (r.status === 0x0406) return;
  if (r.status >= 0x0100)
    throw new Error(`Cancel-Job (purge) failed with IPP status 0x${r.status.toString(16)}`);
}
