id	current_revision_id	created	modified	owner_id	group_id	group_read	group_write	other_read	other_write
213	3108	2025-09-01 08:00:00	2025-12-12 13:31:07	NULL	NULL	1	1	1	1
