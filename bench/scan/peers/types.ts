/** A comparable prompt-injection checker from another package, behind one typed shape. */
export interface Peer {
  readonly name: string;
  /** How it was configured, for the report. */
  readonly config: string;
  /**
   * `slow` peers take seconds per call: they get a few calls on small inputs only, without
   * warm-up, and are labelled as such.
   */
  readonly slow: boolean;
  /** True when the peer flags the text as an injection. */
  check(text: string): boolean | Promise<boolean>;
}
