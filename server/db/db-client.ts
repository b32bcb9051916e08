import type { Prisma } from "./generated/prisma/client";

/**
 * What repositories run queries on: the Prisma client or an interactive transaction's `tx`.
 * Accepting both lets callers compose repository calls in one transaction; with PGlite (a single
 * connection) code inside a transaction must use `tx` only, or it waits for the transaction.
 */
export type DbClient = Prisma.TransactionClient;
