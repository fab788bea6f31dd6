// Token stack traces cost 6-12x under ts-jest; output is identical without them (modules/fast-tokens.ts).
import { disableTokenStackTraces } from "../../modules/fast-tokens";

disableTokenStackTraces();
