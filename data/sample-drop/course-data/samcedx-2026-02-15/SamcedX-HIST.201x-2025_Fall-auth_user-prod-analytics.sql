id	username	first_name	last_name	email	password	is_staff	is_active	is_superuser	last_login	date_joined	status	email_key	avatar_type	country	show_country	date_of_birth	interesting_tags	ignored_tags	email_tag_filter_strategy	display_tag_filter_strategy	consecutive_days_visit_count
1031	ravi_dubois31			ravi.dubois1031@example.org		0	1	0	2026-01-16 19:54:18	2024-04-19 21:54:53		NULL			0	NULL			0	0	0
1032	emile_dubois32	Émile	Dubois	emile.dubois1032@example.org		0	1	0	2026-01-05 08:30:21	2024-10-25 19:12:49		NULL			0	NULL			0	0	0
1033	asa_ekstrom	Åsa	Ekström	asa.ekstrom1033@example.org		0	1	0	2026-01-11 16:34:47	2024-04-06 23:19:47		NULL			0	NULL			0	0	0
1034	diego_larsen34			diego.larsen1034@example.org		0	1	0	2026-01-11 01:39:41	2024-10-27 09:18:17		NULL			0	NULL			0	0	0
1035	freya_moreau35			freya.moreau1035@example.org		0	1	0	2026-02-10 17:03:52	2025-08-20 17:11:10		NULL			0	NULL			0	0	0
1036	alva_mensah36	Alva	Mensah	alva.mensah1036@example.org		0	1	0	2026-02-06 01:27:56	2025-01-31 16:15:35		NULL			0	NULL			0	0	0
1037	oskar_fischer37	Oskar	Fischer	oskar.fischer1037@example.org		0	1	0	2026-02-08 23:34:26	2024-09-15 06:33:00		NULL			0	NULL			0	0	0
1038	mei_tanaka38			mei.tanaka1038@example.org		0	1	0	2026-01-27 23:30:24	2025-04-23 21:25:38		NULL			0	NULL			0	0	0
1039	priya_ekstrom39	Priya	Ekström	priya.ekstrom1039@example.org		0	1	0	2026-01-13 08:13:37	2024-09-11 23:38:49		NULL			0	NULL			0	0	0
1040	ayse_nguyen40	Ayşe	Nguyen	ayse.nguyen1040@example.org		0	1	0	2026-01-25 09:56:22	2025-10-17 16:25:14		NULL			0	NULL			0	0	0
1041	hugo_kowalski41	Hugo	Kowalski	hugo.kowalski1041@example.org		0	1	0	2026-01-05 09:48:09	2024-11-11 18:37:45		NULL			0	NULL			0	0	0
1042	diego_tanaka42			diego.tanaka1042@example.org		0	1	0	2026-02-02 05:43:11	2024-07-01 16:08:22		NULL			0	NULL			0	0	0
1043	lucas_nguyen43			lucas.nguyen1043@example.org		0	1	0	2026-01-08 19:13:33	2024-07-15 08:53:00		NULL			0	NULL			0	0	0
1044	alva_okafor44			alva.okafor1044@example.org		0	1	0	2026-01-22 16:59:23	2024-09-27 13:23:20		NULL			0	NULL			0	0	0
1045	hugo_muller45	Hugo	Müller	hugo.muller1045@example.org		0	1	0	2026-02-10 12:40:29	2024-08-21 17:33:03		NULL			0	NULL			0	0	0
1046	liam_haddad46			liam.haddad1046@example.org		0	1	0	2026-02-12 02:00:49	2024-12-15 12:57:46		NULL			0	NULL			0	0	0
1047	omar_ivanova47	Omar	Ivanova	omar.ivanova1047@example.org		0	1	0	2026-01-12 18:02:30	2025-05-05 01:57:50		NULL			0	NULL			0	0	0
1048	lucas_mensah48	Lucas	Mensah	lucas.mensah1048@example.org		0	1	0	2026-01-26 06:39:07	2025-01-03 23:28:30		NULL			0	NULL			0	0	0
1049	omar_silva49			omar.silva1049@example.org		0	1	0	2026-01-30 15:44:50	2025-08-25 08:00:12		NULL			0	NULL			0	0	0
1050	ingrid_patel50			ingrid.patel1050@example.org		0	1	0	2026-02-12 06:47:36	2025-04-23 21:07:58		NULL			0	NULL			0	0	0
1051	hugo_silva51	Hugo	Silva	hugo.silva1051@example.org		0	1	0	2026-01-07 07:38:31	2025-01-01 00:03:38		NULL			0	NULL			0	0	0
1052	ines_ekstrom52			ines.ekstrom1052@example.org		0	1	0	2026-02-09 10:25:55	2024-10-08 10:04:02		NULL			0	NULL			0	0	0
1053	mei_okafor53			mei.okafor1053@example.org		0	1	0	2026-01-10 07:17:30	2024-08-22 00:28:39		NULL			0	NULL			0	0	0
1054	aiko_rossi54	Aiko	Rossi	aiko.rossi1054@example.org		0	1	0	2026-01-20 07:21:24	2024-12-20 06:42:50		NULL			0	NULL			0	0	0
1055	erik_costa55			erik.costa1055@example.org		0	1	0	2026-02-09 09:55:25	2025-03-03 07:25:14		NULL			0	NULL			0	0	0
1056	elsa_okafor56	Elsa	Okafor	elsa.okafor1056@example.org		0	1	0	2026-02-10 20:20:31	2025-08-17 06:34:58		NULL			0	NULL			0	0	0
1057	elsa_dubois57	Elsa	Dubois	elsa.dubois1057@example.org		0	1	0	2026-01-10 20:37:49	2025-06-02 18:15:27		NULL			0	NULL			0	0	0
1058	felix_larsen58			felix.larsen1058@example.org		0	1	0	2026-01-29 18:19:03	2025-08-30 01:52:54		NULL			0	NULL			0	0	0
1059	hana_hakansson59			hana.hakansson1059@example.org		0	1	0	2026-01-23 05:22:26	2025-03-17 05:39:13		NULL			0	NULL			0	0	0
1060	emile_dubois60	Émile	Dubois	emile.dubois1060@example.org		0	1	0	2026-01-30 08:47:28	2024-11-12 14:29:09		NULL			0	NULL			0	0	0
