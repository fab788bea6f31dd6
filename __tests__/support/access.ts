/** The IAM simulation of a synthesized platform lives with the access view (scripts/access). */
export * from "../../scripts/access/simulated-platform";
