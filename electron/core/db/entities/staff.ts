import { EntitySchema } from 'typeorm';

export interface OfficeRow {
  id: string;
  name: string;
  address: string;
  createdAt: string;
}

export const Office = new EntitySchema<OfficeRow>({
  name: 'Office',
  tableName: 'office',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    address: { type: 'text' },
    createdAt: { type: 'text', name: 'created_at' },
  },
});

export interface ClerkRow {
  id: string;
  officeId: string;
  login: string;
  fullName: string;
  role: 'clerk' | 'supervisor';
  passwordHash: string;
  mustChangePassword: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const Clerk = new EntitySchema<ClerkRow>({
  name: 'Clerk',
  tableName: 'clerk',
  columns: {
    id: { type: 'text', primary: true },
    officeId: { type: 'text', name: 'office_id' },
    login: { type: 'text' },
    fullName: { type: 'text', name: 'full_name' },
    role: { type: 'text' },
    passwordHash: { type: 'text', name: 'password_hash' },
    mustChangePassword: { type: 'boolean', name: 'must_change_password' },
    disabledAt: { type: 'text', name: 'disabled_at', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

export interface SettingRow {
  key: string;
  value: string;
  updatedAt: string;
}

export const Setting = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'setting',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

export interface CounterRow {
  name: string;
  value: number;
}

export const Counter = new EntitySchema<CounterRow>({
  name: 'Counter',
  tableName: 'counter',
  columns: {
    name: { type: 'text', primary: true },
    value: { type: 'integer' },
  },
});

export interface SignInThrottleRow {
  login: string;
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: string;
}

export const SignInThrottle = new EntitySchema<SignInThrottleRow>({
  name: 'SignInThrottle',
  tableName: 'sign_in_throttle',
  columns: {
    login: { type: 'text', primary: true },
    failures: { type: 'integer' },
    lockedUntil: { type: 'text', name: 'locked_until', nullable: true },
    lastFailureAt: { type: 'text', name: 'last_failure_at' },
  },
});
