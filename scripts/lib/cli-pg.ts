import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const PG_CHAR = 18; // "char", e.g. pg_constraint.contype
const PG_NAME = 19;
const PG_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6;

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Field = { dataTypeID: number };

/**
 * The driver adapter used only by the Prisma CLI (WASM schema engine). It works around three
 * bugs of that path (see ../shared/STACK.md): introspection columns of type "char" and name
 * are unsupported by the adapter; the shadow database is created and dropped wrongly; and
 * migration scripts are split naively on ";", which breaks any PL/pgSQL function body.
 */
export class CliPg extends PrismaPg {
  private readonly url: string;

  constructor(url: string) {
    super({ connectionString: url, allowExitOnIdle: true, max: 2 });
    this.url = url;
  }

  override async connect() {
    return patchAdapter(await super.connect());
  }

  override async connectToShadowDb() {
    const main = new URL(this.url);
    const shadowName = `${main.pathname.slice(1)}_shadow`;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${shadowName}"`);
    await admin.end();
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${shadowName}`;
    return patchAdapter(await new PrismaPg({ connectionString: shadowUrl.toString(), allowExitOnIdle: true, max: 2 }).connect());
  }
}

function patchAdapter(adapter: Adapter): Adapter {
  const target = adapter as unknown as {
    client: pg.Pool;
    onError(error: unknown): never;
    executeScript(script: string): Promise<void>;
    performIO(q: unknown): Promise<{ fields: Field[] }>;
    queryRaw(q: unknown): Promise<{ columnTypes: number[] }>;
  };
  // One simple-protocol query runs the whole script, in an implicit transaction.
  target.executeScript = async (script) => {
    try {
      await target.client.query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  const performIO = target.performIO.bind(adapter);
  const queryRaw = target.queryRaw.bind(adapter);
  target.queryRaw = async (query) => {
    const charColumns: number[] = [];
    target.performIO = async (q) => {
      const result = await performIO(q);
      result.fields.forEach((field, i) => {
        if (field.dataTypeID === PG_CHAR) charColumns.push(i);
        if (field.dataTypeID === PG_CHAR || field.dataTypeID === PG_NAME) field.dataTypeID = PG_TEXT;
      });
      return result;
    };
    try {
      const result = await queryRaw(query);
      for (const i of charColumns) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
      return result;
    } finally {
      target.performIO = performIO;
    }
  };
  return adapter;
}
