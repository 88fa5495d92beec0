// What the CUPS tools and the scheduler answer, read the way the backend reads them. Pure,
// no CUPS needed; kept beside the real-queue tests they support.
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest } from '../../../electron/core/printing/ipp';
import { jobNumber, parseLpstat, parseRequestId } from '../../../electron/core/printing/lpstat';
import { systemPrintBackend, PrintError } from '../../../electron/core/printing';

// `LC_ALL=C lpstat -d -a -l -p` on CUPS 2.4, abridged.
const LPSTAT = `system default destination: Office
Office accepting requests since Wed Nov 25 04:23:31 2026
Counter2 not accepting requests since Wed Nov 25 04:23:31 2026 -
\tRejecting Jobs
Paused accepting requests since Wed Nov 25 04:23:31 2026
printer Office is idle.  enabled since Wed Nov 25 04:23:31 2026
\tForm mounted:
\tDescription: Принтер в кабинете №3
\tAlerts: none
printer Counter2 now printing Counter2-17.  enabled since Wed Nov 25 04:23:31 2026
\tDescription: Counter 2 laser
printer Paused disabled since Wed Nov 25 04:24:56 2026 -
\tPaused
\tDescription:
`;

describe('lpstat output', () => {
  it('lists printers with default, state and description', () => {
    expect(parseLpstat(LPSTAT)).toEqual([
      { name: 'Office', isDefault: true, state: 'idle', description: 'Принтер в кабинете №3' },
      // printing, but refusing new jobs: for the clerk it will not print
      { name: 'Counter2', isDefault: false, state: 'stopped', description: 'Counter 2 laser' },
      { name: 'Paused', isDefault: false, state: 'stopped' },
    ]);
  });

  it('knows there may be no default and no printers', () => {
    expect(parseLpstat('no system default destination\n')).toEqual([]);
  });

  it('reads the job id lp prints', () => {
    expect(parseRequestId('request id is AccessDeskPDF-12 (0 file(s))\n')).toBe('AccessDeskPDF-12');
    expect(parseRequestId('lp: Error - The printer or class does not exist.')).toBeNull();
    expect(jobNumber('Office-Floor-2-42')).toBe(42);
    expect(jobNumber('nonsense')).toBeNull();
  });
});

describe('IPP messages', () => {
  it('encodes a request the way RFC 8010 lays it out', () => {
    const req = encodeRequest(0x0009, 7, []);
    expect([...req]).toEqual([0x02, 0x00, 0x00, 0x09, 0, 0, 0, 7, 0x01, 0x03]);
  });

  it('decodes attributes, additional values and one group per job', () => {
    const a = (tag: number, name: string, value: Buffer) => {
      const n = Buffer.from(name);
      const h = Buffer.alloc(3);
      h.writeUInt8(tag, 0);
      h.writeUInt16BE(n.length, 1);
      const l = Buffer.alloc(2);
      l.writeUInt16BE(value.length);
      return Buffer.concat([h, n, l, value]);
    };
    const int = (v: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(v);
      return b;
    };
    const res = Buffer.concat([
      Buffer.from([0x02, 0x00, 0x00, 0x00, 0, 0, 0, 1, 0x01]),
      a(0x47, 'attributes-charset', Buffer.from('utf-8')),
      Buffer.from([0x02]),
      a(0x21, 'job-id', int(8)),
      a(0x23, 'job-state', int(9)),
      a(0x44, 'job-state-reasons', Buffer.from('job-completed-successfully')),
      a(0x44, '', Buffer.from('other-reason')),
      Buffer.from([0x02]),
      a(0x21, 'job-id', int(9)),
      a(0x42, 'job-name', Buffer.from('Access Desk: лист')),
      Buffer.from([0x03]),
    ]);
    const r = decodeResponse(res);
    expect(r.status).toBe(0);
    expect(r.jobs).toHaveLength(2);
    expect(r.jobs[0]?.get('job-state-reasons')).toEqual([
      'job-completed-successfully',
      'other-reason',
    ]);
    expect(r.jobs[1]?.get('job-name')).toEqual(['Access Desk: лист']);
    expect(r.attributes.get('job-id')).toEqual([8, 9]);
  });
});

describe('platforms without a backend', () => {
  it('fail with a typed error that names the reason', async () => {
    const backend = systemPrintBackend({}, 'win32');
    const err = await backend.print(Buffer.from('%PDF'), 'Office', 't').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect(err).toMatchObject({
      code: 'PRINT_FAILED',
      details: { printer: 'Office', reason: 'PLATFORM_NOT_SUPPORTED' },
    });
    await expect(backend.listPrinters()).rejects.toBeInstanceOf(PrintError);
  });
});
