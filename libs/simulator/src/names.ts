import type { SeededRandom } from './seeded-random';

// Common given names and surnames from many places, drawn independently: invented people.
const GIVEN = [
  'Aiko', 'Alex', 'Amara', 'Ana', 'Andrei', 'Arjun', 'Ayesha', 'Ben', 'Carla', 'Chen', 'Chloe', 'Dana', 'Daniel', 'Diego', 'Elena', 'Emeka',
  'Fatima', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jin', 'Jonas', 'Julia', 'Kai', 'Kavya', 'Lars', 'Layla', 'Leo',
  'Lucia', 'Malik', 'Maria', 'Mateo', 'Maya', 'Mei', 'Nadia', 'Noah', 'Nora', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sam', 'Sara', 'Sven',
  'Tariq', 'Tomas', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe',
];
const FAMILY = [
  'Abe', 'Adeyemi', 'Ahmed', 'Alvarez', 'Berg', 'Bianchi', 'Brown', 'Chan', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Gupta',
  'Haddad', 'Hansen', 'Ito', 'Ivanova', 'Jensen', 'Kaur', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau',
  'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Perez', 'Popescu', 'Rahman', 'Rossi', 'Santos', 'Schmidt', 'Silva',
  'Singh', 'Suzuki', 'Tanaka', 'Torres', 'Wang', 'Weber', 'Wilson', 'Yilmaz', 'Zhang',
];
const GENDERS = { female: 0.42, male: 0.56, nonbinary: 0.02 } as const;

export const LOCATIONS = ['Seattle', 'New York', 'Austin', 'Toronto', 'Dublin', 'London', 'Berlin', 'Bangalore', 'Singapore', 'Tokyo', 'Sydney'];
export const JOB_FAMILIES = ['SDE', 'SDE', 'SDE', 'PM', 'TPM', 'DataScience', 'Design', 'Sales', 'Operations', 'Finance', 'PeopleOps'];

export interface PersonalDetails {
  name: string;
  email: string;
  attributes: Record<string, string>;
}

/** A name, an address at example.com (never deliverable) and the group attribute analysts study. */
export function personalDetails(random: SeededRandom, serial: number): PersonalDetails {
  const given = random.pick(GIVEN);
  const family = random.pick(FAMILY);
  return {
    name: `${given} ${family}`,
    email: `${given}.${family}.${serial}@example.com`.toLowerCase(),
    attributes: { gender: random.weighted(GENDERS) },
  };
}
