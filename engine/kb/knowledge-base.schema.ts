/**
 * The SQLite schema of kb.db and the codecs between its rows and chunks: tables
 * kbs, documents and chunks (embeddings as little-endian Float32 BLOBs, with the
 * id of the embedder that made them).
 *
 * @example
 *   db.run(KB_SCHEMA);
 *   const chunk = rowToChunk(row);
 */
import type { Chunk } from "./chunk.ts";

/** A row of the chunks table. */
export interface ChunkRow {
  kb_id: string;
  id: string;
  doc_id: string;
  kind: string;
  text: string;
  heading: string | null;
  tags: string;
  question: string | null;
  answer: string | null;
  embedding: Uint8Array;
  qembedding: Uint8Array | null;
  embedder_id: string;
}

/** Creates the tables if they are missing (idempotent). */
export const KB_SCHEMA = `
CREATE TABLE IF NOT EXISTS kbs (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL, created_at_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS kbs_tenant ON kbs (tenant_id);
CREATE TABLE IF NOT EXISTS documents (
  kb_id TEXT NOT NULL REFERENCES kbs (id) ON DELETE CASCADE, id TEXT NOT NULL, title TEXT NOT NULL,
  format TEXT NOT NULL, content TEXT NOT NULL, tags TEXT NOT NULL, updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (kb_id, id));
CREATE TABLE IF NOT EXISTS chunks (
  kb_id TEXT NOT NULL, id TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
  text TEXT NOT NULL, heading TEXT, tags TEXT NOT NULL, question TEXT, answer TEXT,
  embedding BLOB NOT NULL, qembedding BLOB, embedder_id TEXT NOT NULL,
  PRIMARY KEY (kb_id, id), FOREIGN KEY (kb_id, doc_id) REFERENCES documents (kb_id, id) ON DELETE CASCADE);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (kb_id, doc_id, seq);
`;

/** A vector as BLOB bytes (a view, no copy). */
export function toBlob(v: Float32Array): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** BLOB bytes as a vector (a copy, 4-byte aligned). */
export function fromBlob(b: Uint8Array): Float32Array {
  // slice() copies into a fresh, 4-byte-aligned buffer.
  return new Float32Array(b.slice().buffer);
}

/** A chunks row as a Chunk. */
export function rowToChunk(r: ChunkRow): Chunk {
  return {
    id: r.id,
    docId: r.doc_id,
    text: r.text,
    ...(r.heading ? { heading: r.heading } : {}),
    tags: JSON.parse(r.tags) as string[],
    kind: r.kind === "faq" ? "faq" : "passage",
    ...(r.question !== null ? { question: r.question } : {}),
    ...(r.answer !== null ? { answer: r.answer } : {}),
  };
}
