/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export interface Progress {
  tick(done: number, total?: number): void;
  end(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { tick() {}, end() {} };
  let last = 0;
  return {
    tick(done, total) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      if (total !== undefined && total > 0) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
      } else {
        stream.write(`\rscanned ${done}`);
      }
    },
    end() {
      stream.write('\r\x1b[K');
    },
  };
}
