import { closeSync, openSync, writeSync } from "node:fs";
import { csvLine } from "../results/csv.ts";

/** Rows buffered before each write. */
const ROWS_PER_WRITE = 2_000;

/** A CSV file written row by row as rows come (header first), in chunks, so no row list is kept. */
export class CsvStream<T> {
  private readonly fd: number;
  private buffer: string[] = [];
  rows = 0;

  constructor(
    path: string,
    private readonly columns: readonly (keyof T & string)[],
  ) {
    this.fd = openSync(path, "w");
    writeSync(this.fd, `${columns.join(",")}\n`);
  }

  write(row: T): void {
    this.buffer.push(csvLine(row, this.columns));
    this.rows++;
    if (this.buffer.length >= ROWS_PER_WRITE) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, `${this.buffer.join("\n")}\n`);
    this.buffer = [];
  }
}
