export interface PrinterInfo {
  name: string;
  isDefault: boolean;
  state: 'idle' | 'printing' | 'stopped' | 'unknown';
  description?: string;
}

export interface PrintJob {
  jobId: string;
  printer: string;
}

export type JobOutcome = 'completed' | 'failed' | 'pending';

export interface PrintBackend {
  listPrinters(): Promise<PrinterInfo[]>;
  /** Hands the PDF to the spooler; resolves once it is spooled, not once it is on paper. */
  print(pdf: Buffer, printer: string, title: string): Promise<PrintJob>;
  /**
   * Opens the operating system's print dialog for the PDF (the clerk picks any printer the
   * system can reach); resolves once the dialog is closed and the job, if any, handed over.
   * Absent where the platform has none the app can drive.
   */
  printWithDialog?(pdf: Buffer, title: string): Promise<PrintJob>;
  /** Waits until the job finished or `timeoutMs` passed ('pending'). */
  waitForJob?(job: PrintJob, timeoutMs: number): Promise<JobOutcome>;
}
