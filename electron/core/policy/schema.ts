// docs/policy.schema.json is this: the policy's zod schema as JSON Schema, for IT's editors and
// tools (`npm run policy:schema` writes it; a test checks the file is up to date). The checks
// JSON Schema cannot say (no password inside central.url; certFile with keyFile) are made by
// the app when it reads the policy.
import { z } from 'zod';
import { Policy } from '../../../shared/schemas/policy';

export function policyJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://access-desk.invalid/policy.schema.json',
    title: 'Access Desk machine policy',
    description:
      'HKLM\\SOFTWARE\\Policies\\AccessDesk and %ProgramData%\\AccessDesk\\policy.json on Windows, /etc/access-desk/policy.json on Linux (docs/deploy.md).',
    ...z.toJSONSchema(Policy, { io: 'input', unrepresentable: 'any' }),
  };
}
