id	current_revision_id	created	modified	owner_id	group_id	group_read	group_write	other_read	other_write
211	3101	2025-10-01 09:12:44	2025-10-01 09:12:44	7	NULL	1	1	1	1
