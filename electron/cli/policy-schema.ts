// `npm run policy:schema`: writes docs/policy.schema.json from the policy's schema.
import { writeFileSync } from 'node:fs';
import { policyJsonSchema } from '../core/policy/schema';

writeFileSync('docs/policy.schema.json', `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
