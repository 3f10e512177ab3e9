id	revision_number	user_message	automatic_log	ip_address	user_id	modified	created	previous_revision_id	deleted	locked	article_id	content	title
3101	1			203.0.113.7	7	2025-10-01 09:12:44	2025-10-01 09:12:44	NULL	0	0	211	# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n	DATA101
3102	2	Add rules		203.0.113.7	7	2025-12-10 15:40:02	2025-12-10 15:40:02	3101	0	0	211	# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n\r\n## Rules\r\n* Be kind\r\n* Cite your data\r\n	DATA101
3105	1			203.0.113.7	7	2025-12-20 11:00:09	2025-12-20 11:00:09	NULL	0	0	212	Glossary\r\n========\r\n\r\n**tidy**: one variable per column\t(see week 1)\r\n	Glossary
3106	2	Add median		203.0.113.17	1016	2026-01-03 18:45:33	2026-01-03 18:45:33	3105	0	0	212	Glossary\r\n========\r\n\r\n**tidy**: one variable per column\t(see week 1)\r\n**median**: the middle value\r\n	Glossary
