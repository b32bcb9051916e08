// Prisma's errors are translated at the repository boundary so callers can react to "that name is
// taken" without importing Prisma. Prisma reports a unique violation as code P2002 on both drivers,
// but through driver adapters the columns are in meta.driverAdapterError rather than meta.target;
// both places are read, defensively, since meta is untyped.

/** A write broke a unique constraint (Prisma P2002), e.g. a username that is already taken. */
export class UniqueConstraintError extends Error {
  readonly code = "P2002";

  constructor(
    /** The model (table), when Prisma reports it. */
    readonly model: string | undefined,
    /** The columns of the violated constraint; empty if the driver did not say. */
    readonly fields: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      `Unique constraint failed on ${model ?? "a table"} (${fields.join(", ") || "unknown columns"})`,
      options,
    );
    this.name = "UniqueConstraintError";
  }
}

/** Runs a database call and turns known Prisma errors into this module's typed errors. */
export async function translateErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/** Returns the typed error for a known Prisma error, or `error` itself. */
export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error) || !("code" in error) || error.code !== "P2002") return error;
  const meta = "meta" in error ? error.meta : undefined;
  const model = stringAt(meta, ["modelName"]);
  return new UniqueConstraintError(model, uniqueFields(meta), { cause: error });
}

function uniqueFields(meta: unknown): string[] {
  const target = valueAt(meta, ["target"]);
  if (typeof target === "string") return [target];
  if (isStringArray(target)) return target;
  const fields = valueAt(meta, ["driverAdapterError", "cause", "constraint", "fields"]);
  return isStringArray(fields) ? fields : [];
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

function stringAt(value: unknown, keys: readonly string[]): string | undefined {
  const found = valueAt(value, keys);
  return typeof found === "string" ? found : undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
