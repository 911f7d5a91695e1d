/** The zero-config embedded PostgreSQL used when DATABASE_URL is unset. */
export const EMBEDDED_PORT = 54329;
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
export const EMBEDDED_DATABASE = "microcredit";

export function embeddedUrl(port = EMBEDDED_PORT, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}
