id	current_revision_id	created	modified	owner_id	group_id	group_read	group_write	other_read	other_write
213	3107	2025-09-01 08:00:00	2025-09-01 08:00:00	NULL	NULL	1	1	1	1
