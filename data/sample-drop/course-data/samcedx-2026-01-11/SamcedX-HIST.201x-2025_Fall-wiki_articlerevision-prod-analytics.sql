id	revision_number	user_message	automatic_log	ip_address	user_id	modified	created	previous_revision_id	deleted	locked	article_id	content	title
3107	1			NULL	NULL	2025-09-01 08:00:00	2025-09-01 08:00:00	NULL	0	0	213	<h2>Instructions:</h2>\r\nThis is the wiki for **HIST.201x**.	HIST.201x
3108	2	Archive hours		203.0.113.41	1040	2025-12-12 13:31:07	2025-12-12 13:31:07	3107	0	0	213	<h2>Instructions:</h2>\r\nThis is the wiki for **HIST.201x**.\r\n\r\nArchive reading room: Mon-Fri 9-17 (C:\\scans\\ has the copies).	HIST.201x
