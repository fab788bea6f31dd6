export * from "./contract";
export * from "./network";
export * from "./foundation";
