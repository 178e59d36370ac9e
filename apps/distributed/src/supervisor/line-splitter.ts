/**
 * Cuts a stream of chunks into whole lines: a chunk may end in the middle of a line (or of a
 * UTF-8 character), and two processes' half lines must never be glued together.
 */
export class LineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder();

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Uint8Array): void {
    const text = this.pending + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.replace(/\r$/, ''));
  }

  /** The last line, even without its newline (the process ended). */
  end(): void {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    if (rest !== '') this.onLine(rest);
  }
}
