// The workstation's link to the centre: the connection pool, the LISTEN connection that
// wakes the sync loop when the change feed moves, and who the centre says this workstation
// is (the hello, once per connection). Opened lazily by the sync loop and by the
// supervisor's calls; closed whole when the centre goes away, so the next open greets again.
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../log/logger';
import { centralDataSource, type CentralOptions } from './central/datasource';
import { FEED_CHANNEL } from './central/migrations/0002-feed';
import { type CentralConfig, describeCentral } from './config';
import type { CentreIdentity } from './identity';

export interface LinkOptions {
  central: CentralConfig;
  centralOptions?: CentralOptions;
  /** Names the connections at the centre (pg_stat_activity). */
  applicationName: string;
  log: Logger;
  /** A NOTIFY on the change feed arrived. */
  onNotify: () => void;
  /** The hello on a fresh connection (greetCentre); a refusal closes the link. */
  greet: (ds: DataSource) => Promise<CentreIdentity>;
}

export class CentreLink {
  private ds: DataSource | null = null;
  private listener: { qr: QueryRunner; client: PoolClient } | null = null;
  private who: CentreIdentity | null = null;

  constructor(private readonly o: LinkOptions) {}

  /** Who the centre said this workstation is, while the link is open. */
  get identity(): CentreIdentity | null {
    return this.who;
  }

  get isOpen(): boolean {
    return this.ds !== null;
  }

  async open(): Promise<DataSource> {
    if (this.ds?.isInitialized && this.listener && this.who) return this.ds;
    if (!this.ds?.isInitialized) {
      const ds = centralDataSource(this.o.central, {
        applicationName: this.o.applicationName,
        ...this.o.centralOptions,
      });
      await ds.initialize();
      this.ds = ds;
      this.o.log.info('connected to the centre', { central: describeCentral(this.o.central) });
    }
    if (!this.listener) {
      const qr = this.ds.createQueryRunner();
      const client = (await qr.connect()) as PoolClient;
      const lost = (): void => {
        if (this.listener?.client === client) this.listener = null;
      };
      client.on('notification', () => this.o.onNotify());
      client.on('error', lost);
      client.on('end', lost);
      await client.query(`LISTEN ${FEED_CHANNEL}`);
      this.listener = { qr, client };
    }
    if (!this.who) {
      try {
        this.who = await this.o.greet(this.ds);
      } catch (e) {
        await this.close();
        throw e;
      }
    }
    return this.ds;
  }

  async close(): Promise<void> {
    this.who = null;
    const l = this.listener;
    this.listener = null;
    if (l) await l.qr.release().catch(() => undefined);
    const ds = this.ds;
    this.ds = null;
    if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
  }
}
