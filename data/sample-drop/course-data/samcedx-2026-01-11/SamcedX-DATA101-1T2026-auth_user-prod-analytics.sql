id	username	first_name	last_name	email	password	is_staff	is_active	is_superuser	last_login	date_joined	status	email_key	avatar_type	country	show_country	date_of_birth	interesting_tags	ignored_tags	email_tag_filter_strategy	display_tag_filter_strategy	consecutive_days_visit_count
7	samced_staff	Stina	Staff	stina.staff@example.org		1	1	0	2026-01-10 15:53:00	2023-05-10 09:00:00		NULL			0	NULL			0	0	0
1001	alva_berg			alva.berg1001@example.org		0	1	0	2026-01-10 08:03:00	2024-11-12 20:50:20		NULL			0	NULL			0	0	0
1002	noahl			noah.lindqvist1002@example.org		0	1	0	2026-01-10 07:02:00	2025-09-26 15:22:07		NULL			0	NULL			0	0	0
1003	majaok	Maja	Okafor	maja.okafor1003@example.org		0	1	0	2026-01-10 07:00:00	2024-03-29 00:29:11		NULL			0	NULL			0	0	0
1004	liam.t			liam.tanaka1004@example.org		0	1	0	2026-01-08 16:00:43	2024-11-27 23:01:27		NULL			0	NULL			0	0	0
1005	chidi_o			chidi.okafor1005@example.org		0	1	0	2026-01-06 01:54:39	2025-08-17 00:28:56		NULL			0	NULL			0	0	0
1006	annmoreau	Anna	Moreau	anna.moreau1006@example.org		0	1	0	2026-01-10 03:57:00	2024-10-01 14:17:08		NULL			0	NULL			0	0	0
1007	felix_lindqvist7	Felix	Lindqvist	felix.lindqvist1007@example.org		0	1	0	2026-01-10 02:56:00	2024-05-22 04:29:16		NULL			0	NULL			0	0	0
1008	jonas_kim8	Jonas	Kim	jonas.kim1008@example.org		0	1	0	2026-01-10 01:55:00	2025-05-07 04:49:30		NULL			0	NULL			0	0	0
1009	noah_tanaka9			noah.tanaka1009@example.org		0	1	0	2026-01-10 00:54:00	2024-10-19 22:09:56		NULL			0	NULL			0	0	0
1010	erik_rossi10			erik.rossi1010@example.org		0	1	0	2026-01-09 23:53:00	2024-11-03 14:49:24		NULL			0	NULL			0	0	0
1011	ravi_kim11	Ravi	Kim	ravi.kim1011@example.org		0	1	0	2026-01-09 22:52:00	2025-02-08 10:50:52		NULL			0	NULL			0	0	0
1012	maja_moreau12			maja.moreau1012@example.org		0	1	0	2026-01-09 21:51:00	2025-01-06 20:14:30		NULL			0	NULL			0	0	0
1013	lucas_lindqvist13	Lucas	Lindqvist	lucas.lindqvist1013@example.org		0	1	0	2026-01-09 20:50:00	2024-04-23 03:30:19		NULL			0	NULL			0	0	0
1014	ines_patel14	Ines	Patel	ines.patel1014@example.org		0	1	0	2026-01-09 19:49:00	2024-05-09 07:02:56		NULL			0	NULL			0	0	0
1015	zoe_nguyen15			zoe.nguyen1015@example.org		0	1	0	2026-01-09 18:48:00	2025-08-31 01:18:10		NULL			0	NULL			0	0	0
1016	felix_nguyen16	Felix	Nguyen	felix.nguyen1016@example.org		0	1	0	2026-01-09 17:47:00	2024-08-06 06:14:10		NULL			0	NULL			0	0	0
1017	aiko_moreau17			aiko.moreau1017@example.org		0	1	0	2026-01-09 16:46:00	2025-04-07 16:30:48		NULL			0	NULL			0	0	0
1018	tomas_andersson18	Tomas	Andersson	tomas.andersson1018@example.org		0	1	0	2026-01-09 15:45:00	2024-11-03 23:05:06		NULL			0	NULL			0	0	0
1019	hugo_andersson19	Hugo	Andersson	hugo.andersson1019@example.org		0	1	0	2026-01-09 14:44:00	2025-08-23 14:30:59		NULL			0	NULL			0	0	0
1020	amara_rossi20	Amara	Rossi	amara.rossi1020@example.org		0	1	0	2026-01-09 09:29:51	2024-10-03 15:47:12		NULL			0	NULL			0	0	0
1021	oskar_berg21			oskar.berg1021@example.org		0	1	0	2026-01-09 12:42:00	2024-06-02 09:45:01		NULL			0	NULL			0	0	0
1022	zara_lindqvist22	Zara	Lindqvist	zara.lindqvist1022@example.org		0	1	0	2026-01-09 11:41:00	2024-12-21 06:27:38		NULL			0	NULL			0	0	0
1023	diego_ivanova23	Diego	Ivanova	diego.ivanova1023@example.org		0	1	0	2026-01-09 10:40:00	2025-08-05 22:19:48		NULL			0	NULL			0	0	0
1024	oskar_hakansson24	Oskar	Håkansson	oskar.hakansson1024@example.org		0	1	0	2026-01-09 09:39:00	2025-04-14 20:03:24		NULL			0	NULL			0	0	0
1025	bjorn_moreau25			bjorn.moreau1025@example.org		0	1	0	2026-01-09 08:38:00	2025-05-15 01:42:19		NULL			0	NULL			0	0	0
1026	ravi_andersson26	Ravi	Andersson	ravi.andersson1026@example.org		0	1	0	2026-01-09 07:37:00	2024-10-31 22:49:46		NULL			0	NULL			0	0	0
1027	hana_andersson27			hana.andersson1027@example.org		0	1	0	2026-01-09 06:36:00	2025-08-26 02:15:39		NULL			0	NULL			0	0	0
1028	felix_fischer28	Felix	Fischer	felix.fischer1028@example.org		0	1	0	2026-01-09 05:35:00	2025-07-09 07:05:59		NULL			0	NULL			0	0	0
1029	jonas_novak29	Jonas	Novak	jonas.novak1029@example.org		0	1	0	2026-01-09 04:34:00	2025-04-29 21:39:05		NULL			0	NULL			0	0	0
1030	freya_andersson30	Freya	Andersson	freya.andersson1030@example.org		0	1	0	2026-01-04 21:41:24	2025-04-27 11:36:25		NULL			0	NULL			0	0	0
1031	ravi_dubois31			ravi.dubois1031@example.org		0	1	0	2026-01-09 02:32:00	2024-04-19 21:54:53		NULL			0	NULL			0	0	0
1032	emile_dubois32	Émile	Dubois	emile.dubois1032@example.org		0	1	0	2026-01-05 08:30:21	2024-10-25 19:12:49		NULL			0	NULL			0	0	0
1033	asa_ekstrom	Åsa	Ekström	asa.ekstrom1033@example.org		0	1	0	2026-01-09 00:30:00	2024-04-06 23:19:47		NULL			0	NULL			0	0	0
1034	diego_larsen34			diego.larsen1034@example.org		0	1	0	2026-01-10 22:29:00	2024-10-27 09:18:17		NULL			0	NULL			0	0	0
1035	freya_moreau35			freya.moreau1035@example.org		0	1	0	2026-01-10 21:28:00	2025-08-20 17:11:10		NULL			0	NULL			0	0	0
1036	alva_mensah36	Alva	Mensah	alva.mensah1036@example.org		0	1	0	2026-01-10 20:27:00	2025-01-31 16:15:35		NULL			0	NULL			0	0	0
1037	oskar_fischer37	Oskar	Fischer	oskar.fischer1037@example.org		0	1	0	2026-01-10 19:26:00	2024-09-15 06:33:00		NULL			0	NULL			0	0	0
1038	mei_tanaka38			mei.tanaka1038@example.org		0	1	0	2026-01-10 18:25:00	2025-04-23 21:25:38		NULL			0	NULL			0	0	0
1039	priya_ekstrom39	Priya	Ekström	priya.ekstrom1039@example.org		0	1	0	2026-01-10 17:24:00	2024-09-11 23:38:49		NULL			0	NULL			0	0	0
1040	ayse_nguyen40	Ayşe	Nguyen	ayse.nguyen1040@example.org		0	1	0	2026-01-10 16:23:00	2025-10-17 16:25:14		NULL			0	NULL			0	0	0
