/**
 * Zero-byte folder markers created in each bucket (platform-spec §3.5, §3.6), so users find the
 * agreed layout when they open a bucket in the console.
 */
/** Folder markers of a project bucket (§3.5), plus the prefixes the specialised roles read and write. */
export const PROJECT_FOLDERS: readonly string[] = [
  "raw/uploads/",
  "raw/external/",
  "processed/cleaned/",
  "processed/transformed/",
  "features/v1/",
  "models/training/",
  "models/artifacts/",
  "models/registry/",
  "notebooks/archived/",
  "outputs/reports/",
  "outputs/predictions/",
  "temp/",
  "logs/",
  "checkpoints/",
  // §3.5 prefix contract: the Training/Processing/Inference roles are limited to these (§6.4).
  "data/",
  "datasets/",
  "training-output/",
  "processing-output/",
  "inference/",
  "inference/output/",
  "batch-transform/",
];

/** Folder markers of the shared-assets bucket (§3.6). */
export const SHARED_FOLDERS: readonly string[] = [
  "scripts/preprocessing/",
  "scripts/utils/",
  "containers/dockerfiles/",
  "datasets/reference/",
  "documentation/",
];
