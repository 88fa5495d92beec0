// Central row images (to_jsonb of a row: snake_case, dates as text) → the registry's
// plain row shapes, which the local bulk and change paths take.
import type { AccountIn, ResidentIn } from '../registry/types';

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const optDate = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v.slice(0, 10) : null;
/** Timestamps leave the centre in its session's format; the replica keeps ISO UTC. */
export const isoInstant = (v: unknown): string => new Date(str(v)).toISOString();

export function accountFromImage(d: Record<string, unknown>): AccountIn {
  return {
    id: Number(d.id),
    payerCode: str(d.payer_code),
    districtCode: str(d.district_code),
    streetId: Number(d.street_id),
    house: str(d.house),
    building: str(d.building),
    flat: str(d.flat),
    updatedAt: isoInstant(d.updated_at),
  };
}

export function residentFromImage(d: Record<string, unknown>): ResidentIn {
  return {
    id: Number(d.id),
    accountId: Number(d.account_id),
    surname: str(d.surname),
    givenName: str(d.given_name),
    patronymic: str(d.patronymic),
    birthDate: str(d.birth_date).slice(0, 10),
    relation: d.relation === 'owner' ? 'owner' : 'registered',
    registeredFrom: optDate(d.registered_from),
    registeredTo: optDate(d.registered_to),
    updatedAt: isoInstant(d.updated_at),
  };
}
