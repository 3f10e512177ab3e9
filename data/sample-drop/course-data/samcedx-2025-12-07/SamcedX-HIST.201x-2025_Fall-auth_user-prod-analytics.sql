id	username	first_name	last_name	email	password	is_staff	is_active	is_superuser	last_login	date_joined	status	email_key	avatar_type	country	show_country	date_of_birth	interesting_tags	ignored_tags	email_tag_filter_strategy	display_tag_filter_strategy	consecutive_days_visit_count
1031	ravi_dubois31			ravi.dubois1031@example.org		0	1	0	2025-12-05 02:32:00	2024-04-19 21:54:53		NULL			0	NULL			0	0	0
1032	emile_dubois32	Émile	Dubois	emile.dubois1032@example.org		0	1	0	2025-12-05 01:31:00	2024-10-25 19:12:49		NULL			0	NULL			0	0	0
1033	asa_ekstrom	Åsa	Ekström	asa.ekstrom1033@example.org		0	1	0	2025-12-05 00:30:00	2024-04-06 23:19:47		NULL			0	NULL			0	0	0
1034	diego_larsen34			diego.larsen1034@example.org		0	1	0	2025-12-06 22:29:00	2024-10-27 09:18:17		NULL			0	NULL			0	0	0
1035	freya_moreau35			freya.moreau1035@example.org		0	1	0	2025-12-06 21:28:00	2025-08-20 17:11:10		NULL			0	NULL			0	0	0
1036	alva_mensah36	Alva	Mensah	alva.mensah1036@example.org		0	1	0	2025-12-06 20:27:00	2025-01-31 16:15:35		NULL			0	NULL			0	0	0
1037	oskar_fischer37	Oskar	Fischer	oskar.fischer1037@example.org		0	1	0	2025-12-06 19:26:00	2024-09-15 06:33:00		NULL			0	NULL			0	0	0
1038	mei_tanaka38			mei.tanaka1038@example.org		0	1	0	2025-12-06 18:25:00	2025-04-23 21:25:38		NULL			0	NULL			0	0	0
1039	priya_ekstrom39	Priya	Ekström	priya.ekstrom1039@example.org		0	1	0	2025-12-06 17:24:00	2024-09-11 23:38:49		NULL			0	NULL			0	0	0
1040	ayse_nguyen40	Ayşe	Nguyen	ayse.nguyen1040@example.org		0	1	0	2025-12-06 16:23:00	2025-10-17 16:25:14		NULL			0	NULL			0	0	0
1041	hugo_kowalski41	Hugo	Kowalski	hugo.kowalski1041@example.org		0	1	0	2025-12-06 15:22:00	2024-11-11 18:37:45		NULL			0	NULL			0	0	0
1042	diego_tanaka42			diego.tanaka1042@example.org		0	1	0	2025-12-06 14:21:00	2024-07-01 16:08:22		NULL			0	NULL			0	0	0
1043	lucas_nguyen43			lucas.nguyen1043@example.org		0	1	0	2025-12-06 13:20:00	2024-07-15 08:53:00		NULL			0	NULL			0	0	0
1044	alva_okafor44			alva.okafor1044@example.org		0	1	0	2025-12-06 12:19:00	2024-09-27 13:23:20		NULL			0	NULL			0	0	0
1045	hugo_muller45	Hugo	Müller	hugo.muller1045@example.org		0	1	0	2025-12-06 11:18:00	2024-08-21 17:33:03		NULL			0	NULL			0	0	0
1046	liam_haddad46			liam.haddad1046@example.org		0	1	0	2025-12-06 10:17:00	2024-12-15 12:57:46		NULL			0	NULL			0	0	0
1047	omar_ivanova47	Omar	Ivanova	omar.ivanova1047@example.org		0	1	0	2025-12-06 09:16:00	2025-05-05 01:57:50		NULL			0	NULL			0	0	0
1048	lucas_mensah48	Lucas	Mensah	lucas.mensah1048@example.org		0	1	0	2025-12-06 08:15:00	2025-01-03 23:28:30		NULL			0	NULL			0	0	0
1049	omar_silva49			omar.silva1049@example.org		0	1	0	2025-12-06 07:14:00	2025-08-25 08:00:12		NULL			0	NULL			0	0	0
1050	ingrid_patel50			ingrid.patel1050@example.org		0	1	0	2025-12-06 06:13:00	2025-04-23 21:07:58		NULL			0	NULL			0	0	0
