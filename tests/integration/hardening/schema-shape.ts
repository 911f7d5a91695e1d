import type { z } from "zod";

/** What a zod input schema expects, reduced to what a fuzzer needs to build near-valid input. */
export type Shape =
  | { kind: "object"; fields: Record<string, Shape> }
  | { kind: "union"; options: Shape[] }
  | { kind: "array"; element: Shape }
  | { kind: "choice"; values: unknown[] }
  | { kind: "string" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "date" }
  | { kind: "bytes" }
  | { kind: "record" }
  | { kind: "unknown" };

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Walks a zod 4 schema (objects, unions, intersections, wrappers, pipes) down to its fields. */
export function shapeOf(schema: z.ZodType | unknown, depth = 0): Shape {
  if (depth > 20) return { kind: "unknown" };
  const def = defOf(schema);
  const walk = (s: unknown) => shapeOf(s, depth + 1);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      return { kind: "object", fields: Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, walk(v)])) };
    }
    case "union":
      return { kind: "union", options: (def.options as unknown[]).map(walk) };
    case "intersection":
      return merge(walk(def.left), walk(def.right));
    case "array":
      return { kind: "array", element: walk(def.element) };
    case "enum":
      return { kind: "choice", values: Object.values(def.entries as Record<string, unknown>) };
    case "literal":
      return { kind: "choice", values: def.values as unknown[] };
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return walk(def.innerType);
    case "lazy":
      return walk((def.getter as () => unknown)());
    case "pipe": {
      // A preprocess is pipe(transform, schema): the schema says what is expected.
      const input = defOf(def.in);
      return walk(input.type === "transform" ? def.out : def.in);
    }
    case "record":
      return { kind: "record" };
    case "string":
      return { kind: "string" };
    case "number":
    case "bigint":
    case "int":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "date":
      return { kind: "date" };
    case "custom":
      // z.instanceof(Uint8Array): the uploaded files.
      return { kind: "bytes" };
    default:
      return { kind: "unknown" };
  }
}

function merge(a: Shape, b: Shape): Shape {
  if (a.kind === "object" && b.kind === "object") return { kind: "object", fields: { ...a.fields, ...b.fields } };
  if (a.kind === "union") return { kind: "union", options: a.options.map((o) => merge(o, b)) };
  if (b.kind === "union") return { kind: "union", options: b.options.map((o) => merge(a, o)) };
  return a.kind === "unknown" ? b : a;
}

/**
 * The names a field error may carry: the schema's fields, "_form", "rows.N.column" for an
 * import's rows, "file" (the portal's file inputs are all named so; a step that needs an upload
 * first points there); any key for a record.
 */
export function fieldErrorKeyAllowed(shape: Shape, key: string): boolean {
  const first = key.split(".")[0];
  if (first === "_form" || first === "rows" || first === "file") return true;
  if (containsKind(shape, "record") || containsKind(shape, "unknown")) return true;
  const variants = objectVariants(shape);
  return variants.some((f) => Object.hasOwn(f, first));
}

function containsKind(shape: Shape, kind: Shape["kind"]): boolean {
  if (shape.kind === kind) return true;
  if (shape.kind === "object") return Object.values(shape.fields).some((f) => containsKind(f, kind));
  if (shape.kind === "union") return shape.options.some((o) => containsKind(o, kind));
  if (shape.kind === "array") return containsKind(shape.element, kind);
  return false;
}

/** Every object a shape can stand for (a union's options, flattened). */
export function objectVariants(shape: Shape): Record<string, Shape>[] {
  if (shape.kind === "object") return [shape.fields];
  if (shape.kind === "union") return shape.options.flatMap(objectVariants);
  return [];
}
