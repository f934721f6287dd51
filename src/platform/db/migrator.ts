import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";

export class MigrationError extends Error {}

/**
 * Brings the schema to the latest version; returns the names of the migrations applied now. The
 * list comes from the application (`schema/migrations.ts`): each feature owns its migrations.
 */
export async function migrateToLatest(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new MigrationError(`La migration ${failed} a échoué : ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
