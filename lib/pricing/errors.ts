/**
 * Thrown for input the engine refuses to price: negative, NaN, Infinity, out of range, or an
 * invalid combination (e.g. a Fargate task size AWS does not offer). `field` is the input path,
 * e.g. "memoryMb" or "provisionedConcurrency.count"; the message says what is accepted.
 */
export class PricingInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "PricingInputError";
    this.field = field;
  }
}
