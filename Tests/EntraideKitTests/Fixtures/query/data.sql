-- Fixture rows for QueryTests, stored as the importer stores them.
INSERT INTO imports VALUES
  (1, '2026-10-21T09:00:00+02:00', 'export, "octobre" 2026.csv', NULL, 'requests',
   'aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233', 7, 7, 0, 0);

INSERT INTO volunteers VALUES
  ('V01', '2026-01-05', '2026-01', NULL, NULL, 'Centre social', 'courses|ecoute'),
  ('V02', '2026-09-10', '2026-09', '2026-10-20', '2026-10', 'Étudiants', 'ecoute'),
  ('V03', '2026-10-02', '2026-10', NULL, NULL, 'Centre social', 'coup_de_main'),
  ('V04', '2025-06-01', '2025-06', '2026-08-15', '2026-08', NULL, NULL);

INSERT INTO requests VALUES
  ('R01', '2026-09-03T14:05:00+02:00', '2026-09', 'courses',      'a1a1a1a1', 'done',      0, 'Centre social', 'phone'),
  ('R02', '2026-09-04T09:00:00+02:00', '2026-09', 'ecoute',       NULL,       'open',      0, NULL,            'phone'),
  ('R03', '2026-09-10T10:00:00+02:00', '2026-09', 'courses',      'a1a1a1a1', 'done',      0, 'Centre social', 'in_person'),
  ('R04', '2026-09-15T08:00:00+02:00', '2026-09', 'orientation',  'b2b2b2b2', 'unmet',     0, 'Étudiants',     'phone'),
  ('R05', '2026-10-01T09:00:00+02:00', '2026-10', 'courses',      'a1a1a1a1', 'matched',   1, 'Centre social', 'email'),
  ('R06', '2026-10-25T01:30:00+02:00', '2026-10', 'coup_de_main', 'b2b2b2b2', 'done',      0, 'Étudiants',     'phone'),
  ('R07', '2026-10-10T12:00:00+02:00', '2026-10', 'ecoute',       'c3c3c3c3', 'cancelled', 0, 'Centre social', 'other');

INSERT INTO assignments VALUES
  ('R01', 'V01', '2026-09-03T18:05:00+02:00', '2026-09', '2026-09-04T10:00:00+02:00', '2026-09-05T10:00:00+02:00', '2026-09', 1.5, 'inline'),
  ('R03', 'V01', '2026-09-10T12:30:00+02:00', '2026-09', '2026-09-11T10:00:00+02:00', '2026-09-12T15:00:00+02:00', '2026-09', 2.0, 'inline'),
  ('R05', 'V01', '2026-10-01T10:00:00+02:00', '2026-10', NULL, NULL, NULL, NULL, 'inline'),
  ('R06', 'V02', '2026-10-25T02:30:00+01:00', '2026-10', '2026-10-25T10:00:00+01:00', '2026-10-26T10:00:00+01:00', '2026-10', 3.0, 'file'),
  ('R06', 'V03', '2026-10-25T03:00:00+01:00', '2026-10', NULL, '2026-10-26T11:00:00+01:00', '2026-10', 1.0, 'file');
