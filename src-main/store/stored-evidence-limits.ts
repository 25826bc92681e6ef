/**
 * What one session's stored evidence may hold: a file as large as a live collection keeps (64 MiB), and
 * in total what reading an evidence folder allows (128 MiB). Import and export check the declared sizes
 * against these before inflating anything, so a crafted file cannot make us allocate gigabytes.
 * A module of its own: analyze and demo check evidence sets against it at every start, and evidence-files.ts
 * loads node:crypto and node:zlib, which those runs do not otherwise need.
 */
export const STORED_EVIDENCE_LIMITS = { maxFileBytes: 64 * 1024 * 1024, maxTotalBytes: 128 * 1024 * 1024 } as const
