/** Small linear-time text helpers shared by the unsafe-output tokenizers. */

/**
 * The first occurrence of `needle` at or after `from` that `accept` takes, for a sequence of
 * non-decreasing `from`s, in linear time overall: the last hit answers every later query that
 * starts at or before it, so no stretch of text is searched twice.
 */
export class ForwardFinder {
  private from = -1;
  private hit = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
    private readonly accept: (at: number) => boolean = () => true,
  ) {}

  next(from: number): number {
    if (this.from >= 0 && from >= this.from && (this.hit < 0 || from <= this.hit)) return this.hit;
    this.from = from;
    let at = this.text.indexOf(this.needle, from);
    while (at >= 0 && !this.accept(at)) at = this.text.indexOf(this.needle, at + 1);
    this.hit = at;
    return at;
  }
}

export function isLineSpace(cu: number): boolean {
  return cu === 0x20 || cu === 0x09;
}

/** Start offsets of blank lines (only spaces and tabs), in order. */
export function blankLineStarts(text: string): number[] {
  const starts: number[] = [];
  let lineStart = 0;
  let blank = true;
  for (let i = 0; i <= text.length; i++) {
    const cu = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (cu === 0x0a) {
      if (blank && lineStart > 0) starts.push(lineStart);
      lineStart = i + 1;
      blank = true;
    } else if (!isLineSpace(cu) && cu !== 0x0d) blank = false;
  }
  return starts;
}
