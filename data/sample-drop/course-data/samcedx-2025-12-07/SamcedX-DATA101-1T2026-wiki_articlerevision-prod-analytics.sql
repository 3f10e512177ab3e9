id	revision_number	user_message	automatic_log	ip_address	user_id	modified	created	previous_revision_id	deleted	locked	article_id	content	title
3101	1			203.0.113.7	7	2025-10-01 09:12:44	2025-10-01 09:12:44	NULL	0	0	211	# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n	DATA101
