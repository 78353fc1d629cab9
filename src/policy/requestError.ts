/**
 * A request that cannot become a Cedar request: the path names the part (`context.args.amount`),
 * the message says what is wrong with it, never the value. Internal: `decide` turns it into a deny.
 */
export class RequestError extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path} ${problem}`);
    this.name = 'RequestError';
    this.path = path;
  }
}
