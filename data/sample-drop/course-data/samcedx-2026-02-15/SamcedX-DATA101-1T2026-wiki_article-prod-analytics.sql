id	current_revision_id	created	modified	owner_id	group_id	group_read	group_write	other_read	other_write
211	3104	2025-10-01 09:12:44	2026-01-28 07:22:19	7	NULL	1	1	1	1
212	3106	2025-12-20 11:00:09	2026-01-03 18:45:33	7	NULL	1	1	1	1
