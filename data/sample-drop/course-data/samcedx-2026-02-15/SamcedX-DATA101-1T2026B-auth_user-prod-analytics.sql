id	username	first_name	last_name	email	password	is_staff	is_active	is_superuser	last_login	date_joined	status	email_key	avatar_type	country	show_country	date_of_birth	interesting_tags	ignored_tags	email_tag_filter_strategy	display_tag_filter_strategy	consecutive_days_visit_count
1061	nadia_novak61			nadia.novak1061@example.org		0	1	0	2026-01-18 18:17:08	2024-08-26 14:21:08		NULL			0	NULL			0	0	0
1062	alva_haddad62	Alva	Haddad	alva.haddad1062@example.org		0	1	0	2026-01-28 08:47:36	2024-03-03 05:02:31		NULL			0	NULL			0	0	0
1063	elsa_kim63	Elsa	Kim	elsa.kim1063@example.org		0	1	0	2026-01-26 01:26:14	2025-04-04 13:20:19		NULL			0	NULL			0	0	0
1064	lucas_kim64			lucas.kim1064@example.org		0	1	0	2026-01-26 08:54:57	2024-09-01 18:47:34		NULL			0	NULL			0	0	0
1065	chloe_fischer65	Chloe	Fischer	chloe.fischer1065@example.org		0	1	0	2026-01-21 19:51:47	2024-03-15 03:13:33		NULL			0	NULL			0	0	0
